namespace Teos.Protocol.Admin;

/// <summary>
/// The admin API's calls (spec 5.1 names), each a POST of a JSON body to <c>/&lt;name&gt;</c> on the admin listener.
/// Shared by teosd and teos-cli so the two never disagree on a path.
/// </summary>
public static class AdminCalls
{
    public const string GetAllAppointments = "get_all_appointments";
    public const string GetAppointments = "get_appointments";
    public const string GetTowerInfo = "get_tower_info";
    public const string GetUsers = "get_users";
    public const string GetUser = "get_user";
    public const string Stop = "stop";

    public static IReadOnlyList<string> All { get; } = [GetAllAppointments, GetAppointments, GetTowerInfo, GetUsers, GetUser, Stop];
}

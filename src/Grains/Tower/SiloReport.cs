namespace Teos.Grains.Tower;

/// <summary>One silo's row of the membership table.</summary>
/// <param name="LastHeartbeat">Its last "I am alive" write; null when the table has none.</param>
/// <param name="GatewayPort">0 when the silo takes no client connections.</param>
public sealed record SiloReport(
    SiloAddress Address, SiloStatus Status, string Name, string HostName, DateTime StartTime, DateTime? LastHeartbeat, int GatewayPort)
{
    public static SiloReport Of(MembershipEntry entry) => new(
        entry.SiloAddress,
        entry.Status,
        entry.SiloName ?? string.Empty,
        entry.HostName ?? string.Empty,
        entry.StartTime,
        entry.IAmAliveTime == default ? null : entry.IAmAliveTime,
        entry.ProxyPort);
}

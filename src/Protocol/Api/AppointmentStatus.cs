namespace Teos.Protocol.Api;

/// <summary>The <c>status</c> strings of /get_appointment (spec 3.5).</summary>
public static class AppointmentStatus
{
    public const string BeingWatched = "being_watched";
    public const string DisputeResponded = "dispute_responded";

    /// <summary>Exists in rust-teos' enum; never returned with a 200.</summary>
    public const string NotFound = "not_found";
}

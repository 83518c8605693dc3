namespace Teos.Grains.Storage;

/// <summary>Names under which the silo registers the grains' <c>IGrainStorage</c> providers.</summary>
public static class StorageProviders
{
    /// <summary>Appointment rows: typed, compact, group-committed (the hot path).</summary>
    public const string Appointments = "appointments";

    /// <summary>User rows: typed (the per-block Gatekeeper selects outdated users by column).</summary>
    public const string Users = "users";

    /// <summary>Opaque grain state (trackers, block feed): SQLite table or Orleans' Persistence.AdoNet.</summary>
    public const string State = "state";
}

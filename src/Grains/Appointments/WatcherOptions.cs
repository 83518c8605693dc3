namespace Teos.Grains.Appointments;

/// <summary>Appointment acceptance settings (teosd option names).</summary>
public sealed class WatcherOptions
{
    /// <summary>
    /// Enforced as python-teos does (a listed deviation: rust-teos parses but never checks it).
    /// The rust-teos CLN plugin always sends 42, above the default.
    /// </summary>
    public uint MinToSelfDelay { get; set; } = 20;

    /// <summary>Tower-wide appointment cap (python-teos `MAX_APPOINTMENTS`); 0 means no cap (rust-teos).</summary>
    public long MaxAppointments { get; set; }

    /// <summary>Blocks whose transactions answer late appointments at once (spec 4.3).</summary>
    public int LocatorCacheSize { get; set; } = 6;
}

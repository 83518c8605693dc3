namespace Teos.Api.Limits;

/// <summary>Abuse limits of the public API (teosd option names in brackets). Each silo counts its own requests.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Registrations per minute from one client address [max_registrations_per_minute]; 0: no limit.</summary>
    public int MaxRegistrationsPerMinute { get; set; } = 60;

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For names the client [trusted_proxies]: addresses or networks, comma-separated
    /// (see <see cref="Connections.TrustedProxies"/>). Empty: X-Forwarded-For is ignored.
    /// </summary>
    public string TrustedProxies { get; set; } = string.Empty;

    /// <summary>
    /// Free disk below which register and add_appointment answer 503 [min_free_disk_mib]: the watermark is the smaller
    /// of this and <see cref="MinFreeDiskPercent"/> of the volume; either at 0 turns it off.
    /// </summary>
    public long MinFreeDiskMib { get; set; } = 1024;

    /// <summary>See <see cref="MinFreeDiskMib"/> [min_free_disk_percent].</summary>
    public double MinFreeDiskPercent { get; set; } = 5;

    /// <exception cref="ArgumentException">A value out of range, naming its option.</exception>
    public void Validate()
    {
        if (MaxRegistrationsPerMinute < 0)
            throw new ArgumentException("max_registrations_per_minute must be 0 (no limit) or more");
        if (MinFreeDiskMib < 0)
            throw new ArgumentException("min_free_disk_mib must be 0 (no watermark) or more");
        if (MinFreeDiskPercent is < 0 or > 100 || double.IsNaN(MinFreeDiskPercent))
            throw new ArgumentException("min_free_disk_percent must be between 0 (no watermark) and 100");
    }
}

using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Storage;

/// <summary>What the locator buckets and the block feed read of the appointment rows (index-only where it can).</summary>
public interface ILocatorRows
{
    /// <summary>
    /// The locators of every watched (untriggered) appointment whose locator starts with the bucket's
    /// <paramref name="bucketBits"/> bits, with its profile. Duplicates (several users, one locator) may appear.
    /// </summary>
    Task<IReadOnlyList<WatchedLocator>> LoadBucketAsync(TowerKey tower, int bucket, int bucketBits, CancellationToken cancellationToken);

    /// <summary>
    /// Watched (untriggered) appointments whose locator, under their own profile, is one of those given:
    /// rust-profile rows against <paramref name="rust"/>, python-profile rows against <paramref name="python"/>.
    /// </summary>
    Task<IReadOnlyList<WatchedAppointment>> FindWatchedAsync(
        TowerKey tower, IReadOnlyCollection<Locator> rust, IReadOnlyCollection<Locator> python, CancellationToken cancellationToken);

    /// <summary>The uuids of every triggered appointment: one active tracker each.</summary>
    Task<IReadOnlyList<AppointmentUuid>> GetTriggeredAsync(TowerKey tower, CancellationToken cancellationToken);
}

public readonly record struct WatchedLocator(Locator Locator, ClientProfile Profile);

public readonly record struct WatchedAppointment(AppointmentUuid Uuid, Locator Locator, ClientProfile Profile);

using Orleans.Storage;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Tests.Cluster;

/// <summary>The store's locator port, its reads counted and a bucket's load open to a <see cref="LoadHold"/>.</summary>
internal sealed class CountedLocatorRows(ILocatorRows rows, StoreReads reads, LoadHold hold) : ILocatorRows
{
    public async Task<IReadOnlyList<WatchedLocator>> LoadBucketAsync(TowerKey tower, int bucket, int bucketBits, CancellationToken cancellationToken)
    {
        reads.Read("LoadBucket");
        var watched = await rows.LoadBucketAsync(tower, bucket, bucketBits, cancellationToken);
        await hold.AfterReadAsync(bucket);
        return watched;
    }

    public Task<IReadOnlyList<WatchedAppointment>> FindWatchedAsync(
        TowerKey tower, IReadOnlyCollection<Locator> rust, IReadOnlyCollection<Locator> python, CancellationToken cancellationToken)
    {
        reads.Read("FindWatched");
        return rows.FindWatchedAsync(tower, rust, python, cancellationToken);
    }

    public Task<IReadOnlyList<AppointmentUuid>> GetTriggeredAsync(TowerKey tower, CancellationToken cancellationToken)
    {
        reads.Read("GetTriggered");
        return rows.GetTriggeredAsync(tower, cancellationToken);
    }
}

/// <summary>The store's Gatekeeper port, its reads counted.</summary>
internal sealed class CountedGatekeeperRows(IGatekeeperRows rows, StoreReads reads) : IGatekeeperRows
{
    public Task<IReadOnlyList<OwnedAppointment>> GetUserAppointmentsAsync(TowerKey tower, UserId user, CancellationToken cancellationToken)
    {
        reads.Read("GetUserAppointments");
        return rows.GetUserAppointmentsAsync(tower, user, cancellationToken);
    }

    public Task BurnAsync(TowerKey tower, UserId user, AppointmentUuid uuid, UserState after, CancellationToken cancellationToken) =>
        rows.BurnAsync(tower, user, uuid, after, cancellationToken);

    public Task DeleteAppointmentAsync(TowerKey tower, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        rows.DeleteAppointmentAsync(tower, uuid, cancellationToken);

    public Task<IReadOnlyList<UserId>> GetOutdatedUsersAsync(TowerKey tower, long height, CancellationToken cancellationToken)
    {
        reads.Read("GetOutdatedUsers");
        return rows.GetOutdatedUsersAsync(tower, height, cancellationToken);
    }
}

/// <summary>A grain storage provider, its reads counted (as "<c>name</c>.ReadState") and its writes open to a <see cref="WriteHold"/>.</summary>
internal sealed class CountedGrainStorage(IGrainStorage storage, string name, StoreReads reads, WriteHold? hold = null) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        reads.Read($"{name}.ReadState");
        return storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (hold is not null)
            await hold.BeforeWriteAsync(grainId);
        await storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        if (hold is not null)
            await hold.AfterWriteAsync(grainId);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}

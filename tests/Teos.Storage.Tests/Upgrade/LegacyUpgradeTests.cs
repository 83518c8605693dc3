using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Storage.Hosting;
using Teos.Storage.Legacy;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Teos.TestSupport.Processes;
using Xunit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Teos.Storage.Tests.Upgrade;

/// <summary>
/// A database the previous teosd wrote keeps every user, appointment, tracker, key and the tip: the migration and its
/// C# step keep users and appointments as rows, the legacy import turns trackers and the tip into grain state.
/// </summary>
public abstract class LegacyUpgradeTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly LegacyData _data = new();
    private TeosStorage? _storage;
    private IGrainStorage? _state;

    protected abstract StorageBackend Backend { get; }

    private TeosStorage Storage => _storage!;

    private IGrainStorage State => _state!;

    /// <summary>Writes <paramref name="data"/> as the previous teosd would have, then opens it with this one.</summary>
    protected abstract Task<TeosStorage> UpgradeAsync(LegacyData data);

    public async Task InitializeAsync()
    {
        _storage = await UpgradeAsync(_data);
        _state = await Backend.StateStorageAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
            await _storage.DisposeAsync();
        (Backend as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task Each_users_allowance_is_its_available_slots_plus_the_slots_of_its_stored_blobs()
    {
        // Rust: 90 available, blobs of 300 (1 slot) and 2049 (2 slots) bytes; python: 10 available, one 1-byte blob.
        Assert.Equal(93, (await ReadUserAsync(_data.Rust)).SlotAllowance);
        Assert.Equal(11, (await ReadUserAsync(_data.Python)).SlotAllowance);
    }

    [Fact]
    public async Task Each_users_deletion_height_is_its_expiry_plus_the_expiry_delta_in_64_bits()
    {
        Assert.Equal(4526, (await ReadUserAsync(_data.Rust)).DeletionHeight);
        Assert.Equal(uint.MaxValue + 6L, (await ReadUserAsync(_data.Python)).DeletionHeight);
        Assert.Equal(_data.Rust.Id, Assert.Single(await Storage.GatekeeperRows.GetOutdatedUsersAsync(TowerKey.Default, 4526, None)));
    }

    [Fact]
    public async Task Every_appointment_keeps_its_fields_and_only_the_one_with_a_tracker_is_triggered()
    {
        foreach (var legacy in _data.Appointments)
        {
            var state = new GrainState<Grains.Appointments.AppointmentState>();
            await Storage.Appointments.ReadStateAsync("appointment", TestAppointments.GrainOf(legacy.Uuid), state);
            Assert.True(state.RecordExists);
            Assert.Equal(legacy.Blob, state.State!.EncryptedBlob);
            Assert.Equal(legacy.Signature, state.State.UserSignature);
            Assert.Equal((legacy.Locator, legacy.Owner.Id, legacy.Owner.Profile, 42u, 200u), (state.State.Locator, state.State.UserId, state.State.Profile, state.State.ToSelfDelay, state.State.StartBlock));
            Assert.Equal(legacy == _data.Responded, state.State.Triggered);
        }

        Assert.Equal(new TowerCounts(2, 2, 1), await Storage.OperatorQueries.GetCountsAsync(TowerKey.Default, None));
    }

    [Fact]
    public async Task The_tower_key_and_the_recent_blocks_are_kept()
    {
        Assert.Equal(_data.TowerKey, await Storage.TowerKeys.GetOrAddTowerKeyAsync(new string('f', 64), None));
        var block = Assert.Single(await Storage.RecentBlocks.GetNewestAsync(100, None));
        Assert.Equal(_data.RecentBlockHash, block.Hash);
        Assert.Equal(_data.RecentTxids, block.Txids);
    }

    [Fact]
    public async Task The_import_turns_the_legacy_tracker_and_tip_into_grain_state_and_forgets_the_rows()
    {
        var imported = await ImportAsync();

        Assert.Equal((1, 1), imported);
        var tracker = await ReadAsync<TrackerState>("tracker", TrackerGrain());
        Assert.True(tracker.RecordExists);
        Assert.Equal(_data.DisputeTx, tracker.State!.DisputeTx);
        Assert.Equal(_data.PenaltyTx, tracker.State.PenaltyTx);
        Assert.Equal(TrackerStatus.ConfirmedIn(_data.TrackerHeight), tracker.State.Status);
        Assert.Equal((_data.Rust.Id, _data.Responded.Locator, _data.Rust.Profile), (tracker.State.UserId, tracker.State.Locator, tracker.State.Profile));
        Assert.Equal((_data.TipHeight, _data.TipHash), (tracker.State.LastBlockHeight, tracker.State.LastBlockHash));
        var feed = await ReadAsync<FeedState>("feed", FeedGrain());
        Assert.Equal((_data.TipHash, _data.TipHeight), (feed.State!.TipHash, feed.State.TipHeight));
        Assert.Equal(0, await Backend.ScalarAsync(Storage, "SELECT count(*) FROM legacy_trackers"));
        Assert.Equal(0, await Backend.ScalarAsync(Storage, "SELECT count(*) FROM legacy_chain_tip"));
    }

    [Fact]
    public async Task Importing_again_changes_nothing()
    {
        await ImportAsync();
        var etag = (await ReadAsync<FeedState>("feed", FeedGrain())).ETag;

        Assert.Equal((0, 0), await ImportAsync());

        Assert.Equal(etag, (await ReadAsync<FeedState>("feed", FeedGrain())).ETag);
    }

    [Fact]
    public async Task A_grain_state_already_written_wins_over_the_legacy_row()
    {
        await State.WriteStateAsync("feed", FeedGrain(), new GrainState<FeedState>(new FeedState { TipHeight = 999 }));

        Assert.Equal((1, 0), await ImportAsync());

        Assert.Equal(999u, (await ReadAsync<FeedState>("feed", FeedGrain())).State!.TipHeight);
    }

    [Fact]
    public async Task A_silo_started_on_the_upgraded_store_imports_the_legacy_state_before_it_serves()
    {
        using var host = new HostBuilder()
            .UseOrleans(silo => silo.UseLocalhostClustering(LoopbackPort.Free(), LoopbackPort.Free()).AddTeosStorage(Storage))
            .Build();

        await host.StartAsync();

        var state = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageProviders.State);
        var feed = new GrainState<FeedState>();
        await state.ReadStateAsync("feed", FeedGrain(), feed);
        Assert.Equal(_data.TipHeight, feed.State!.TipHeight);
        Assert.Equal(0, await Backend.ScalarAsync(Storage, "SELECT count(*) FROM legacy_trackers"));
        await host.StopAsync();
    }

    private Task<(int Trackers, int Tips)> ImportAsync() =>
        new LegacyStateImport(Storage, State, NullLogger<LegacyStateImport>.Instance).RunAsync(None);

    private GrainId TrackerGrain() => GrainId.Create("tracker", TowerKey.Default.Scope(_data.Responded.Uuid.ToHex()));

    private static GrainId FeedGrain() => GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(0));

    private async Task<GrainState<T>> ReadAsync<T>(string stateName, GrainId grainId)
    {
        var state = new GrainState<T>();
        await State.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    private async Task<UserState> ReadUserAsync(LegacyUser user)
    {
        var state = new GrainState<UserState>();
        await Storage.Users.ReadStateAsync("user", TestUsers.GrainOf(user.Id), state);
        Assert.True(state.RecordExists);
        Assert.Equal((user.Profile, user.Start, user.Expiry), (state.State!.Profile, state.State.SubscriptionStart, state.State.SubscriptionExpiry));
        return state.State;
    }
}

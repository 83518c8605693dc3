using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The "state" grain storage (opaque grain state, versioned).</summary>
public abstract partial class StorageConformanceTests
{
    private static GrainId Tracker(string key) => GrainId.Create("tracker", Tower.Scope(key));

    private static TrackerState SomeTracker(uint height = 300) => new()
    {
        UserId = TestUsers.NewUserId(),
        Locator = TestAppointments.RandomLocator(),
        DisputeTx = [1, 2, 3],
        PenaltyTx = [4, 5, 6],
        Status = TrackerStatus.ConfirmedIn(height),
        Reorged = true,
        LastBlockHeight = height,
        LastBlockHash = TestHashes.Random(),
    };

    [Fact]
    public async Task A_grain_state_reads_back_as_written_with_its_version_as_etag()
    {
        var written = SomeTracker();

        var stored = await WriteAsync(State, "tracker", Tracker("a"), written);
        var read = await ReadAsync<TrackerState>(State, "tracker", Tracker("a"));

        Assert.True(read.RecordExists);
        Assert.Equal(stored.ETag, read.ETag);
        Assert.Equal(written.PenaltyTx, read.State!.PenaltyTx);
        Assert.Equal(written with { DisputeTx = read.State!.DisputeTx, PenaltyTx = read.State!.PenaltyTx }, read.State);
    }

    [Fact]
    public async Task A_write_with_the_stored_version_replaces_the_state_and_moves_the_version()
    {
        var first = await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(300));

        var second = await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(301), first.ETag);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(301u, (await ReadAsync<TrackerState>(State, "tracker", Tracker("a"))).State!.LastBlockHeight);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_a_version_conflict_and_changes_nothing()
    {
        var first = await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(300));
        await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(301), first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(State, "tracker", Tracker("a"), SomeTracker(302), first.ETag));

        Assert.Equal(301u, (await ReadAsync<TrackerState>(State, "tracker", Tracker("a"))).State!.LastBlockHeight);
    }

    [Fact]
    public async Task A_second_first_write_of_one_grain_is_a_version_conflict()
    {
        await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(300));

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(State, "tracker", Tracker("a"), SomeTracker(400)));

        Assert.Equal(300u, (await ReadAsync<TrackerState>(State, "tracker", Tracker("a"))).State!.LastBlockHeight);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_absent_and_can_be_written_anew()
    {
        var stored = await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(300));

        await State.ClearStateAsync("tracker", Tracker("a"), stored);

        Assert.False((await ReadAsync<TrackerState>(State, "tracker", Tracker("a"))).RecordExists);
        var again = await ReadAsync<TrackerState>(State, "tracker", Tracker("a"));
        again.State = SomeTracker(500);
        await State.WriteStateAsync("tracker", Tracker("a"), again);
        Assert.Equal(500u, (await ReadAsync<TrackerState>(State, "tracker", Tracker("a"))).State!.LastBlockHeight);
    }

    [Fact]
    public async Task Grains_of_different_keys_keep_separate_states()
    {
        var feed = GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(0));
        var otherFeed = GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(1));

        await WriteAsync(State, "feed", feed, new FeedState { TipHeight = 10, TipHash = TestHashes.Random() });
        await WriteAsync(State, "feed", otherFeed, new FeedState { TipHeight = 20 });
        await WriteAsync(State, "tracker", Tracker("a"), SomeTracker(30));

        Assert.Equal(10u, (await ReadAsync<FeedState>(State, "feed", feed)).State!.TipHeight);
        Assert.Equal(20u, (await ReadAsync<FeedState>(State, "feed", otherFeed)).State!.TipHeight);
        Assert.False((await ReadAsync<TrackerState>(State, "tracker", Tracker("b"))).RecordExists);
    }
}

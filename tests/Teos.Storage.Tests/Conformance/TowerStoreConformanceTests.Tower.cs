using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task The_tip_is_empty_until_set_and_then_the_last_one_set()
    {
        Assert.Null(await Store.GetTipAsync(None));
        var first = new ChainTip(TestTransactions.RandomTxid(), 300);
        var second = new ChainTip(TestTransactions.RandomTxid(), 301);

        await Write(transaction => transaction.SetTipAsync(first));
        await Write(transaction => transaction.SetTipAsync(second));

        Assert.Equal(second, await Store.GetTipAsync(None));
        Assert.Equal(second, await Write(transaction => transaction.GetTipAsync()));
    }

    [Fact]
    public async Task The_tip_advances_only_from_the_block_it_was_built_on()
    {
        var parent = new ChainTip(TestTransactions.RandomTxid(), 300);
        var child = new ChainTip(TestTransactions.RandomTxid(), 301);
        await Write(transaction => transaction.SetTipAsync(parent));

        await Write(transaction => transaction.AdvanceTipAsync(parent.BlockHash, child));

        Assert.Equal(child, await Store.GetTipAsync(None));
    }

    [Fact]
    public async Task A_stale_leader_cannot_advance_the_tip_and_its_block_is_rolled_back()
    {
        var parent = new ChainTip(TestTransactions.RandomTxid(), 300);
        var processedElsewhere = new ChainTip(TestTransactions.RandomTxid(), 301);
        await Write(transaction => transaction.SetTipAsync(parent));
        await Write(transaction => transaction.AdvanceTipAsync(parent.BlockHash, processedElsewhere));
        var user = TestUsers.Subscription();

        var moved = await Assert.ThrowsAsync<TipMovedException>(() => Write(async transaction =>
        {
            await transaction.SaveSubscriptionAsync(user);
            await transaction.AdvanceTipAsync(parent.BlockHash, new ChainTip(TestTransactions.RandomTxid(), 301));
        }));

        Assert.Equal(processedElsewhere, moved.Actual);
        Assert.Equal(processedElsewhere, await Store.GetTipAsync(None));
        Assert.Null(await Store.GetSubscriptionAsync(user.UserId, None));
    }

    [Fact]
    public async Task The_first_tower_key_is_created_once_and_kept()
    {
        Assert.Equal(new string('1', 64), await Store.GetOrAddTowerKeyAsync(new string('1', 64), None));

        Assert.Equal(new string('1', 64), await Store.GetOrAddTowerKeyAsync(new string('2', 64), None));
    }

    [Fact]
    public async Task The_newest_tower_key_is_the_one_in_use()
    {
        await Store.AddTowerKeyAsync(new string('1', 64), None);
        await Store.AddTowerKeyAsync(new string('2', 64), None);

        Assert.Equal(new string('2', 64), await Store.GetOrAddTowerKeyAsync(new string('3', 64), None));
    }

    [Fact]
    public async Task Silos_starting_together_agree_on_one_tower_key()
    {
        var candidates = Enumerable.Range(1, 8).Select(i => new string((char)('0' + i), 64)).ToList();

        var chosen = await Task.WhenAll(candidates.Select(candidate => Store.GetOrAddTowerKeyAsync(candidate, None)));

        Assert.Single(chosen.Distinct());
    }

    [Fact]
    public async Task Counts_separate_watched_appointments_from_trackers_by_state()
    {
        var user = await Register(TestUsers.Subscription());
        await Register(TestUsers.Subscription());
        await Add(TestAppointments.For(user));
        await Add(TestAppointments.For(user));
        var inMempool = await Add(TestAppointments.For(user));
        var confirmed = await Add(TestAppointments.For(user));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(inMempool, TrackerStatus.InMempoolSince(1))));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(confirmed, TrackerStatus.ConfirmedIn(2))));

        var counts = await Store.GetCountsAsync(None);
        Assert.Equal(new TowerCounts(2, 2, 2, ConfirmedTrackers: 1), counts);
        Assert.Equal(1, counts.TrackersInMempool);
        Assert.Equal(4, await Store.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task An_empty_store_counts_nothing()
    {
        Assert.Equal(new TowerCounts(0, 0, 0), await Store.GetCountsAsync(None));
        Assert.Equal(0, await Store.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task A_write_that_throws_changes_nothing_and_faults_its_caller()
    {
        var user = TestUsers.Subscription();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Write<bool>(async transaction =>
        {
            await transaction.SaveSubscriptionAsync(user);
            throw new InvalidOperationException("rule broken");
        }));

        Assert.Equal("rule broken", failure.Message);
        Assert.Null(await Store.GetSubscriptionAsync(user.UserId, None));
    }

    [Fact]
    public async Task A_write_is_visible_to_readers_as_soon_as_it_completes()
    {
        var users = Enumerable.Range(0, 20).Select(_ => TestUsers.Subscription()).ToArray();

        await Task.WhenAll(users.Select(Register));

        foreach (var user in users)
            Assert.NotNull(await Store.GetSubscriptionAsync(user.UserId, None));
    }

    [Fact]
    public async Task A_write_canceled_before_it_starts_never_runs()
    {
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(
            (_, _) =>
            {
                ran = true;
                return ValueTask.FromResult(true);
            },
            new CancellationToken(canceled: true)));

        Assert.False(ran);
    }

    [Fact]
    public async Task An_appointment_of_an_unknown_user_is_refused()
    {
        var stranger = TestUsers.Subscription();

        await Assert.ThrowsAnyAsync<Exception>(() => Add(TestAppointments.For(stranger)));

        Assert.Equal(0, await Store.CountAppointmentsAsync(None));
    }
}

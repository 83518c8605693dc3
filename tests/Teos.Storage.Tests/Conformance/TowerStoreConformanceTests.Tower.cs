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
    public async Task The_newest_tower_key_is_the_one_in_use()
    {
        Assert.Null(await Store.GetTowerKeyAsync(None));

        await Store.AddTowerKeyAsync(new string('1', 64), None);
        await Store.AddTowerKeyAsync(new string('2', 64), None);

        Assert.Equal(new string('2', 64), await Store.GetTowerKeyAsync(None));
    }

    [Fact]
    public async Task Counts_separate_watched_appointments_from_trackers()
    {
        var user = await Register(TestUsers.Subscription());
        await Register(TestUsers.Subscription());
        await Add(TestAppointments.For(user));
        await Add(TestAppointments.For(user));
        var triggered = await Add(TestAppointments.For(user));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(1))));

        Assert.Equal(new TowerCounts(2, 2, 1), await Store.GetCountsAsync(None));
        Assert.Equal(3, await Store.CountAppointmentsAsync(None));
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

using NBitcoin;
using Teos.Grains.Trackers;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task An_inserted_tracker_is_read_back_with_its_transactions_and_owner()
    {
        var user = await Register(TestUsers.Subscription());
        var appointment = await Add(TestAppointments.For(user));
        var tracker = TestTransactions.TrackerFor(appointment, TrackerStatus.ConfirmedIn(301), reorged: true);

        Assert.True(await Write(transaction => transaction.InsertTrackerAsync(tracker)));

        var stored = Assert.Single(await Write(transaction => transaction.GetTrackersAsync([appointment.Uuid])));
        AssertSame(tracker, stored);
        AssertSame(tracker, (await Store.GetAppointmentAsync(appointment.Uuid, None))!.Tracker!);
    }

    [Fact]
    public async Task A_second_tracker_for_the_same_uuid_is_refused_and_the_first_kept()
    {
        var user = await Register(TestUsers.Subscription());
        var appointment = await Add(TestAppointments.For(user));
        var first = TestTransactions.TrackerFor(appointment, TrackerStatus.InMempoolSince(300));
        await Write(transaction => transaction.InsertTrackerAsync(first));

        var inserted = await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(appointment, TrackerStatus.ConfirmedIn(310))));

        Assert.False(inserted);
        AssertSame(first, (await Store.GetAppointmentAsync(appointment.Uuid, None))!.Tracker!);
    }

    [Fact]
    public async Task Updated_trackers_keep_their_transactions_and_take_the_new_status_and_reorged_flag()
    {
        var user = await Register(TestUsers.Subscription());
        var moved = TestTransactions.TrackerFor(await Add(TestAppointments.For(user)), TrackerStatus.ConfirmedIn(300), reorged: true);
        var still = TestTransactions.TrackerFor(await Add(TestAppointments.For(user)), TrackerStatus.InMempoolSince(299));
        await Write(transaction => transaction.InsertTrackerAsync(moved));
        await Write(transaction => transaction.InsertTrackerAsync(still));

        var update = moved.Summary with { Status = TrackerStatus.InMempoolSince(305), Reorged = false };
        await Write(transaction => transaction.UpdateTrackersAsync([update]));

        var summaries = await Write(transaction => transaction.GetTrackerSummariesAsync());
        Assert.Equal(new[] { update, still.Summary }.OrderBy(s => s.Uuid.ToHex()), summaries.OrderBy(s => s.Uuid.ToHex()));
        AssertSame(moved with { Status = update.Status, Reorged = false }, (await Store.GetAppointmentAsync(moved.Uuid, None))!.Tracker!);
    }

    [Fact]
    public async Task Trackers_are_fetched_only_for_the_uuids_asked()
    {
        var user = await Register(TestUsers.Subscription());
        var wanted = TestTransactions.TrackerFor(await Add(TestAppointments.For(user)), TrackerStatus.InMempoolSince(1));
        var other = TestTransactions.TrackerFor(await Add(TestAppointments.For(user)), TrackerStatus.InMempoolSince(1));
        var watchedOnly = await Add(TestAppointments.For(user));
        await Write(transaction => transaction.InsertTrackerAsync(wanted));
        await Write(transaction => transaction.InsertTrackerAsync(other));

        var found = await Write(transaction => transaction.GetTrackersAsync([wanted.Uuid, watchedOnly.Uuid]));

        Assert.Equal(wanted.Uuid, Assert.Single(found).Uuid);
        Assert.Empty(await Write(transaction => transaction.GetTrackersAsync([])));
    }

    /// <summary>Transactions compare by reference; this compares their serializations (witness included).</summary>
    protected static void AssertSame(Tracker expected, Tracker actual)
    {
        Assert.Equal(expected.DisputeTx.ToBytes(), actual.DisputeTx.ToBytes());
        Assert.Equal(expected.PenaltyTx.ToBytes(), actual.PenaltyTx.ToBytes());
        Assert.Equal(expected, actual with { DisputeTx = expected.DisputeTx, PenaltyTx = expected.PenaltyTx });
    }
}

using System.Diagnostics.Metrics;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Tower;

namespace Teos.Silo.Operator;

/// <summary>
/// The tower's state as gauges on the Teos meter, read from the last <see cref="TowerSnapshot"/> sample (the
/// scrape refreshes it first): users, watched appointments, trackers by state, tip, bitcoind's height and the
/// lag between them, bitcoind reachability and block-feed leadership.
/// </summary>
public sealed class TowerGauges
{
    public TowerGauges(TowerMetrics metrics, TowerSnapshot snapshot, IBitcoindReachability bitcoind, FeedLeadership leadership)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("teos.users", () => Known(snapshot.Last.Counts?.Users), description: "Registered users");
        meter.CreateObservableGauge(
            "teos.appointments.watched", () => Known(snapshot.Last.Counts?.WatchedAppointments), description: "Appointments watched (not yet triggered)");
        meter.CreateObservableGauge("teos.trackers", () => Trackers(snapshot.Last), description: "Penalties the responder follows, by state");
        meter.CreateObservableGauge("teos.chain.tip_height", () => Known(snapshot.Last.Tip?.Height), description: "Height of the last block the tower processed");
        meter.CreateObservableGauge("teos.chain.bitcoind_height", () => Known(snapshot.Last.BitcoindHeight), description: "bitcoind's best height");
        meter.CreateObservableGauge("teos.chain.lag", () => Known(snapshot.Last.Lag), description: "Blocks bitcoind is ahead of the tower");
        meter.CreateObservableGauge("teos.bitcoind.reachable", () => bitcoind.IsReachable ? 1 : 0, description: "1 when bitcoind answered its last call");
        meter.CreateObservableGauge("teos.feed.leader", () => leadership.IsLeader ? 1 : 0, description: "1 on the silo running the block feed");
    }

    private static IEnumerable<Measurement<long>> Known(long? value) =>
        value is { } known ? [new Measurement<long>(known)] : [];

    private static IEnumerable<Measurement<long>> Trackers(TowerSample sample) =>
        sample.Counts is { } counts
            ? [
                new Measurement<long>(counts.TrackersInMempool, new KeyValuePair<string, object?>("state", "in_mempool")),
                new Measurement<long>(counts.ConfirmedTrackers, new KeyValuePair<string, object?>("state", "confirmed")),
            ]
            : [];
}

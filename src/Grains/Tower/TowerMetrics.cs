using System.Diagnostics.Metrics;

namespace Teos.Grains.Tower;

/// <summary>
/// The tower's own instruments on the meter <see cref="MeterName"/>: what the tower did (counters, durations).
/// What it holds (users, appointments, trackers, tip) is observed by the host when metrics are collected.
/// </summary>
public sealed class TowerMetrics
{
    public const string MeterName = "Teos";

    private readonly Histogram<double> _blockProcessing;
    private readonly Histogram<double> _addAppointment;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _breaches;
    private readonly Counter<long> _penaltiesRejected;

    public TowerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _blockProcessing = Meter.CreateHistogram<double>(
            "teos.block.processing.duration", "s", "Time to process one connected block: breaches, trackers, commit");
        _addAppointment = Meter.CreateHistogram<double>(
            "teos.add_appointment.duration", "s", "add_appointment requests by outcome (count: rate, sum/buckets: latency)");
        _registrations = Meter.CreateCounter<long>("teos.registrations", "{registration}", "Registrations and renewals accepted");
        _breaches = Meter.CreateCounter<long>("teos.breaches", "{breach}", "Breaches found, by outcome (answered, rejected, undecryptable)");
        _penaltiesRejected = Meter.CreateCounter<long>(
            "teos.penalties.rejected", "{transaction}", "Penalties bitcoind refused: a breach or a re-send that could not be answered");
    }

    public Meter Meter { get; }

    public void BlockProcessed(TimeSpan duration) => _blockProcessing.Record(duration.TotalSeconds);

    public void AddAppointmentAnswered(string outcome, TimeSpan duration) =>
        _addAppointment.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void UserRegistered() => _registrations.Add(1);

    public void BreachFound(string outcome) => _breaches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void PenaltyRejected() => _penaltiesRejected.Add(1);
}

using System.Net;
using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.EndToEnd.Tests.Harness;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// The operator listener of a real teosd: every tower metric moves as users, appointments and blocks arrive, and
/// the probes say when the tower can serve.
/// </summary>
public sealed class MetricsAndHealthTests
{
    [Fact]
    public async Task Each_metric_changes_as_appointments_and_blocks_arrive()
    {
        // Polling every second leaves a window in which bitcoind is ahead of the tower, to see the lag.
        await using var simulator = await Simulator.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("teos-metrics-").FullName;
        await using var tower = await Teosd.StartAsync(dataDir, simulator, LoopbackPort.Free(), "--pollingdelta", "1");
        using var metrics = new OperatorEndpoint(tower.Operator);
        var height = await simulator.HeightAsync();

        var start = await metrics.ScrapeUntilAsync(s => s.Value("teos_chain_tip_height") == height, "the start tip");
        Assert.Equal(0, start.Value("teos_users"));
        Assert.Equal(0, start.Value("teos_appointments_watched"));
        Assert.Equal(0, start.Value("teos_trackers", "state=\"in_mempool\""));
        Assert.Equal(0, start.Value("teos_trackers", "state=\"confirmed\""));
        Assert.Equal(height, start.Value("teos_chain_bitcoind_height"));
        Assert.Equal(0, start.Value("teos_chain_lag"));
        Assert.Equal(1, start.Value("teos_bitcoind_reachable"));
        Assert.Null(start.Value("teos_add_appointment_duration_seconds_count"));

        var user = new TowerUser(tower.Api);
        await user.RegisterAsync();
        await metrics.ScrapeUntilAsync(s => s.Value("teos_users") == 1 && s.Value("teos_registrations_total") == 1, "the registration");

        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new TowerUser(tower.Api).AddAppointmentAsync(Channel.Revoked().Dispute, channel.Penalty)).Status);
        var added = await metrics.ScrapeUntilAsync(s => s.Value("teos_appointments_watched") == 1, "the appointment");
        Assert.Equal(1, added.Value("teos_add_appointment_duration_seconds_count", "outcome=\"accepted\""));
        Assert.Equal(1, added.Value("teos_add_appointment_duration_seconds_count", "outcome=\"authentication_failed\""));
        Assert.True(added.Value("teos_add_appointment_duration_seconds_sum", "outcome=\"accepted\"") > 0);

        var blocksProcessed = added.Value("teos_block_processing_duration_seconds_count") ?? 0;
        await SeeLagAsync(simulator, metrics);
        height = await simulator.HeightAsync();
        var caughtUp = await metrics.ScrapeUntilAsync(s => s.Value("teos_chain_tip_height") == height, "the tower catching up");
        Assert.Equal(0, caughtUp.Value("teos_chain_lag"));
        Assert.True(caughtUp.Value("teos_block_processing_duration_seconds_count") > blocksProcessed);

        await simulator.MineAsync(1, channel.Dispute);
        var breached = await metrics.ScrapeUntilAsync(s => s.Value("teos_trackers", "state=\"in_mempool\"") == 1, "the breach's tracker");
        Assert.Equal(0, breached.Value("teos_appointments_watched"));
        Assert.Equal(1, breached.Value("teos_breaches_total", "outcome=\"answered\""));

        await simulator.MineAsync(1);
        var confirmed = await metrics.ScrapeUntilAsync(s => s.Value("teos_trackers", "state=\"confirmed\"") == 1, "the penalty's confirmation");
        Assert.Equal(0, confirmed.Value("teos_trackers", "state=\"in_mempool\""));
        Assert.Null(confirmed.Value("teos_penalties_rejected_total"));

        // A penalty spending an output its commitment lacks: bitcoind refuses it, the breach goes unanswered.
        var dispute = SimTransactions.Funded(outputs: 2);
        var bad = SimTransactions.Spending(new OutPoint(dispute.GetHash(), 7));
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(dispute, bad)).Status);
        await simulator.MineAsync(1, dispute);
        var rejected = await metrics.ScrapeUntilAsync(s => s.Value("teos_penalties_rejected_total") == 1, "the rejected penalty");
        Assert.Equal(1, rejected.Value("teos_breaches_total", "outcome=\"rejected\""));
        await tower.WaitForLineAsync($@"warn: .*Breach NOT answered: commitment {dispute.GetHash()} .*bitcoind rejected penalty {bad.GetHash()}", TimeSpan.FromSeconds(10));

        await simulator.GoUnavailableAsync(TimeSpan.FromSeconds(4));
        await metrics.ScrapeUntilAsync(s => s.Value("teos_bitcoind_reachable") == 0, "bitcoind unreachable");
        await metrics.ScrapeUntilAsync(s => s.Value("teos_bitcoind_reachable") == 1, "bitcoind back");
    }

    [Fact]
    public async Task Liveness_answers_and_readiness_follows_bitcoind_and_the_tip()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var probe = new OperatorEndpoint(fixture.Tower.Operator);

        var live = await probe.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        var ready = await probe.GetAsync("health/ready");
        Assert.True(ready.Status == HttpStatusCode.OK, ready.Body);
        Assert.Contains("\"storage\":{\"status\":\"Healthy\"", ready.Body, StringComparison.Ordinal);
        Assert.Contains("\"chain\":{\"status\":\"Healthy\"", ready.Body, StringComparison.Ordinal);

        await fixture.Simulator.GoUnavailableAsync(TimeSpan.FromSeconds(4));
        var down = await WaitForStatusAsync(probe, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("\"bitcoind\":{\"status\":\"Unhealthy\",\"description\":\"bitcoind at http://127.0.0.1:", down, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("health/live")).Status);
        await WaitForStatusAsync(probe, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_operator_listener_serves_only_metrics_and_health_and_the_public_port_none_of_them()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var operatorPort = new OperatorEndpoint(fixture.Tower.Operator);
        using var publicPort = new OperatorEndpoint(fixture.Tower.Api);

        Assert.Equal(HttpStatusCode.NotFound, (await operatorPort.GetAsync("register")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await publicPort.GetAsync("metrics")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await publicPort.GetAsync("health/ready")).Status);
    }

    /// <summary>Mines a few blocks and scrapes at once, before the tower's next poll; retried, since a poll may fall in between.</summary>
    private static async Task SeeLagAsync(Simulator simulator, OperatorEndpoint metrics)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await simulator.MineAsync(3);
            var scrape = await metrics.ScrapeAsync();
            if (scrape.Value("teos_chain_lag") > 0)
                return;
            await Task.Delay(1500);
        }

        throw new TimeoutException("the tower never lagged behind bitcoind after 5 x 3 blocks");
    }

    /// <summary>Waits (bounded) until readiness answers <paramref name="status"/>; returns its body.</summary>
    private static async Task<string> WaitForStatusAsync(OperatorEndpoint probe, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (current, body) = await probe.GetAsync("health/ready");
            if (current == status)
                return body;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"readiness stayed {current}: {body}");
            await Task.Delay(200);
        }
    }
}

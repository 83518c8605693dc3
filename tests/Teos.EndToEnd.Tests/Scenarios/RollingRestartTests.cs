using System.Diagnostics;
using Teos.EndToEnd.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// A rolling restart of every silo of a three-silo cluster on one PostgreSQL under client load, as README's rolling
/// upgrade does it, with real processes and the simulator.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RollingRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_client_load_loses_no_acknowledged_appointment_and_answers_each_breach_once()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 3);
        var users = new List<TowerUser>();
        for (var i = 0; i < 4; i++)
            users.Add(await fixture.RegisteredUserAsync(fixture.Silos[i % fixture.Silos.Count]));
        var slots = (await users[0].GetSubscriptionInfoAsync()).UInt("available_slots");
        var firstMined = await fixture.Simulator.HeightAsync() + 1;
        var load = new AppointmentLoad(users, [.. fixture.Silos.Select(silo => silo.Api)], perUser: 400, pause: TimeSpan.FromMilliseconds(100));

        var breached = new List<AppointmentLoad.Sent>();
        var restarts = Stopwatch.StartNew();
        var feedRestarted = await RestartEverySiloAsync(fixture, load, breached);
        var acknowledged = load.Appointments.Where(a => a.Acknowledged).ToList();
        output.WriteLine($"{load.Appointments.Count} appointments sent, {acknowledged.Count} acknowledged, {load.Unanswered} attempts unanswered, " +
            $"{load.Unavailable.Count} answered 503 {string.Join(", ", load.Unavailable.Distinct())}; restarts took {restarts.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(load.Unexpected);
        Assert.True(feedRestarted, "no restarted silo ran the block feed");
        Assert.All(Enumerable.Range(1, fixture.Silos.Count), phase => Assert.Contains(acknowledged, a => a.Phase == phase));

        // Nothing acknowledged is lost, nothing is stored that was not sent, and each user's slots are its stored rows.
        var through = users.ToDictionary(user => user, user => fixture.Silos.Select(silo => user.Via(silo.Api)).ToList());
        foreach (var user in users)
        {
            var stored = (await fixture.ListAsync(
                    $"SELECT replace(a.locator::text, '-', '') FROM appointments a JOIN users u ON u.user_key = a.user_key WHERE u.user_id = decode('{user.Id.ToHex()}', 'hex')"))
                .ToHashSet();
            var mine = load.Appointments.Where(a => a.User == user).ToList();
            Assert.Subset(stored, mine.Where(a => a.Acknowledged).Select(a => a.Locator.ToHex()).ToHashSet());
            Assert.Superset(stored, mine.Select(a => a.Locator.ToHex()).ToHashSet());
            foreach (var silo in through[user])
                Assert.Equal(slots - stored.Count, (await silo.GetSubscriptionInfoAsync()).UInt("available_slots"));
        }

        await Task.WhenAll(acknowledged.Chunk((acknowledged.Count / 8) + 1).Select((chunk, c) => Task.Run(async () =>
        {
            foreach (var (appointment, i) in chunk.Select((a, i) => (a, i)))
            {
                var answer = await through[appointment.User][(c + i) % fixture.Silos.Count].GetAppointmentAsync(appointment.Locator);
                var status = breached.Contains(appointment) ? "dispute_responded" : "being_watched";
                Assert.True(answer.Body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal), $"{appointment.Locator}: {answer}");
            }
        })));

        // Every block was processed, across the feed's moves. While a silo leaves, Orleans' grain directory may briefly
        // let a second feed activation live, and both may run a block (its effects are idempotent); the tip's fence
        // then stops one, so each repeat comes with a fenced activation.
        var tip = await fixture.Simulator.HeightAsync();
        var processings = Enumerable.Range(firstMined, tip - firstMined + 1).Select(fixture.BlockProcessings).ToList();
        output.WriteLine($"blocks {firstMined}-{tip} processed {string.Join(", ", processings)} times; {fixture.FencedFeeds()} feed activations fenced");
        Assert.All(processings, times => Assert.True(times >= 1));
        Assert.InRange(processings.Sum(times => times - 1), 0, fixture.FencedFeeds());

        // The restarted cluster answers a breach of an appointment acknowledged during a restart; each breach, those in
        // the blocks that met a stop included, is answered once.
        breached.Add(acknowledged.Last(a => a.Phase >= 1 && a.Phase <= fixture.Silos.Count && !breached.Contains(a)));
        await fixture.Simulator.MineAsync(1, breached[^1].Channel.Dispute);
        await fixture.WaitForBlockAsync(tip + 1);
        foreach (var breach in breached)
        {
            await through[breach.User][0].WaitForStatusAsync(breach.Locator, "dispute_responded");
            Assert.Equal(1, fixture.Broadcasts(breach.Channel.Penalty.GetHash()));
        }

        Assert.Contains(breached[^1].Channel.Penalty.GetHash().ToString(), await fixture.Simulator.MempoolAsync());
    }

    /// <summary>
    /// As an operator upgrades, under <paramref name="load"/>: one silo at a time taken out of the load balancer,
    /// stopped (SIGTERM) and started again on its data dir and ports. Just before each stop a block arrives with the
    /// dispute of an acknowledged appointment (added to <paramref name="breached"/>): on the feed's silo, its
    /// processing meets the shutdown. Returns whether a restarted silo ran the feed.
    /// </summary>
    private async Task<bool> RestartEverySiloAsync(MultiSiloFixture fixture, AppointmentLoad load, List<AppointmentLoad.Sent> breached)
    {
        var feedRestarted = false;
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        try
        {
            await WaitForAcknowledgementsAsync(load, phase: 0);
            for (var index = 0; index < fixture.Silos.Count; index++)
            {
                await fixture.Simulator.MineAsync(1);
                var feed = await fixture.WaitForBlockAsync(await fixture.Simulator.HeightAsync());
                feedRestarted |= feed == fixture.Silos[index];
                load.Phase = index + 1;
                breached.Add(load.Appointments.Last(a => a.Acknowledged && !breached.Contains(a)));
                await fixture.Simulator.MineAsync(1, breached[^1].Channel.Dispute);
                load.TakeOutOfService(index);
                var restart = await fixture.RestartSiloAsync(fixture.Silos[index]);
                output.WriteLine($"silo {index}{(feed == restart.Stopped ? " (block feed)" : string.Empty)}: stopped in " +
                    $"{restart.Stopping.TotalSeconds:F1} s, ready again {restart.Starting.TotalSeconds:F1} s later");
                Assert.True(restart.ExitCode == 0, restart.Stopped.Output);
                load.PutInService(index);
                await fixture.WaitForBlockAsync(await fixture.Simulator.HeightAsync());
            }

            // The restarted cluster takes appointments too.
            load.Phase = fixture.Silos.Count + 1;
            await WaitForAcknowledgementsAsync(load, load.Phase);
            return feedRestarted;
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Waits (bounded) until the load has ten acknowledgements in <paramref name="phase"/>.</summary>
    private static async Task WaitForAcknowledgementsAsync(AppointmentLoad load, int phase)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (load.Appointments.Count(a => a.Acknowledged && a.Phase == phase) < 10)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the load got fewer than 10 acknowledgements in phase {phase}");
            await Task.Delay(50);
        }
    }
}

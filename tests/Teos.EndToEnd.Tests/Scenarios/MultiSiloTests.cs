using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>Several teosd silos on one PostgreSQL: one Orleans cluster (DESIGN.md section 4), with real processes and the simulator.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiSiloTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Appointments_added_through_each_of_three_silos_are_all_watched_and_breaches_in_one_block_are_each_answered_once()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 3);
        // One user registered through each silo, each sending one appointment through every silo: each silo takes three.
        var users = new List<TowerUser>();
        foreach (var silo in fixture.Silos)
            users.Add(await fixture.RegisteredUserAsync(silo));
        var sent = new List<(TowerUser User, Channel Channel)>();
        foreach (var user in users)
        {
            foreach (var silo in fixture.Silos)
            {
                var (through, channel) = (user.Via(silo.Api), Channel.Revoked());
                Assert.Equal(HttpStatusCode.OK, (await through.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
                sent.Add((through, channel));
            }
        }

        await fixture.Simulator.MineAsync(1, [.. sent.Select(s => s.Channel.Dispute)]);
        var height = await fixture.Simulator.HeightAsync();
        await fixture.WaitForBlockAsync(height);

        foreach (var (user, channel) in sent)
            await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
        var mempool = await fixture.Simulator.MempoolAsync();
        Assert.All(sent, s =>
        {
            Assert.Equal(1, fixture.Broadcasts(s.Channel.Penalty.GetHash()));
            Assert.Contains(s.Channel.Penalty.GetHash().ToString(), mempool);
        });
        Assert.Equal(sent.Count, await fixture.CountAsync("SELECT count(*) FROM appointments WHERE triggered"));
        Assert.Equal(1, fixture.BlockProcessings(height));

        // Confirmed in the next block: no silo sends a penalty again, and the block is processed once.
        await fixture.Simulator.MineAsync(1);
        await fixture.WaitForBlockAsync(height + 1);
        Assert.All(sent, s => Assert.Equal(1, fixture.Broadcasts(s.Channel.Penalty.GetHash())));
        Assert.Equal(1, fixture.BlockProcessings(height + 1));
    }

    [Fact]
    public async Task Getclusterstatus_through_either_silo_lists_both_silos_as_active_and_the_one_running_the_block_feed()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 2);
        var feed = fixture.FeedSilo();
        await fixture.Simulator.MineAsync(1);
        var height = await fixture.Simulator.HeightAsync();
        await fixture.WaitForBlockAsync(height);

        foreach (var silo in fixture.Silos)
        {
            var run = await AdminCli.RunAsync(fixture.DataDir(silo), silo, "--json", "getclusterstatus");

            Assert.True(run.ExitCode == 0, run.ToString());
            var silos = run.Json.GetProperty("silos").EnumerateArray().ToList();
            Assert.Equal(2, silos.Count(row => row.GetProperty("status").GetString() == "Active"));
            Assert.All(silos, row => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, row.GetProperty("last_heartbeat").ValueKind));
            var feedRow = Assert.Single(silos, row => row.GetProperty("hosts_block_feed").GetBoolean());
            Assert.Equal(feedRow.GetProperty("address").GetString(), run.Json.GetProperty("block_feed_silo").GetString());
            Assert.Equal(height, run.Json.GetProperty("block_feed_tip_height").GetInt32());
            Assert.Equal(silo == feed, run.Json.GetProperty("answered_by").GetString() == feedRow.GetProperty("address").GetString());
        }

        // The feed's backstop reminder, in the shared table (registered on its first poll, before that block).
        Assert.Equal(1, await fixture.CountAsync("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'keep-alive' AND period = 60000"));

        // The table the operator reads, as a person sees it.
        var table = await AdminCli.RunAsync(fixture.DataDir(feed), feed, "getclusterstatus");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Silos: 2", table.Stdout);
    }

    [Fact]
    public async Task One_user_sending_300_appointments_through_three_silos_at_once_is_charged_exactly_300_slots()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 3);
        var user = await fixture.RegisteredUserAsync(fixture.Silos[0]);
        var through = fixture.Silos.Select(silo => user.Via(silo.Api)).ToList();
        var before = (await user.GetSubscriptionInfoAsync()).UInt("available_slots");

        // All at once, and one user's requests queue on its gatekeeper grain: on a busy machine some may wait longer than
        // the cluster's response timeout and be answered 503, which a TEOS client answers by sending the appointment
        // again (through the next silo here), an update of itself that takes no second slot.
        var resent = 0;
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var channel = Channel.Revoked();
            var answer = await through[i % through.Count].AddAppointmentAsync(channel.Dispute, channel.Penalty);
            for (var attempt = 1; attempt < 5 && answer.Status == HttpStatusCode.ServiceUnavailable; attempt++)
            {
                Interlocked.Increment(ref resent);
                answer = await through[(i + attempt) % through.Count].AddAppointmentAsync(channel.Dispute, channel.Penalty);
            }

            return answer;
        }));

        output.WriteLine($"{resent} appointments sent again after a 503");
        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString()));
        foreach (var silo in through)
            Assert.Equal(before - 300, (await silo.GetSubscriptionInfoAsync()).UInt("available_slots"));
        Assert.Equal(300, await fixture.CountAsync("SELECT count(*) FROM appointments"));
    }
}

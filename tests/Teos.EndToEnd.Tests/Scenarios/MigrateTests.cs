using System.Net;
using System.Text.RegularExpressions;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// teosd migrate grows an embedded tower into a cluster: a real teosd on SQLite gets users, appointments and a
/// triggered appointment with its tracker, is stopped and moved into PostgreSQL, and a teosd on that database is the
/// same tower (same id, same answers) and answers the next breach.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_migrated_tower_answers_as_before_keeps_its_id_and_answers_a_breach_on_postgresql()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var rust = await fixture.RegisteredUserAsync();
        var python = await fixture.RegisteredUserAsync(ClientProfile.Python);
        var watched = Channel.Revoked();
        var breachedBefore = Channel.Revoked();
        var breachedAfter = Channel.Revoked();
        var pythonWatched = Channel.Revoked();
        foreach (var (user, channel) in new[] { (rust, watched), (rust, breachedBefore), (rust, breachedAfter), (python, pythonWatched) })
            Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
        await fixture.MineAsync(1, breachedBefore.Dispute);
        await rust.WaitForStatusAsync(rust.LocatorOf(breachedBefore.Dispute), "dispute_responded");
        // The penalty confirms once: the tracker's state has more than its first block to carry over.
        await fixture.MineAsync(1);
        var towerId = Regex.Match(fixture.Tower.Output, "tower_id: ([0-9a-f]{66})").Groups[1].Value;
        Assert.NotEmpty(towerId);
        var questions = new (TowerUser User, Channel Channel)[] { (rust, watched), (rust, breachedBefore), (rust, breachedAfter), (python, pythonWatched) };
        var before = await AnswersAsync(questions, rust, python);
        Assert.Contains("\"dispute_responded\"", before[1], StringComparison.Ordinal);
        var tip = await fixture.Simulator.HeightAsync();
        await fixture.Tower.TerminateAsync();
        var database = await postgres.Server.CreateDatabaseAsync("teos_migrate");

        var moved = await CliRun.RunAsync("teosd.dll", "migrate", "--datadir", fixture.DataDir, "--btcnetwork", "regtest", "--dbconnect", database);
        var again = await CliRun.RunAsync("teosd.dll", "migrate", "--datadir", fixture.DataDir, "--btcnetwork", "regtest", "--dbconnect", database);

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Contains("2 users, 4 appointments, 2 grain states (trackers and the block feed), 1 tower keys", moved.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Matches(
            @"^teosd: the PostgreSQL database teos_migrate\w* already holds a tower \(users, appointments, tower keys, grain state, cached blocks\): migrate into an empty database; nothing was copied$",
            again.Stderr.Trim());

        await using var silo = await Teosd.StartAsync(fixture.DataDir, fixture.Simulator, LoopbackPort.Free(), "--dbconnect", database);
        await silo.WaitForLineAsync($"tower_id: {towerId}", TimeSpan.FromSeconds(5));
        Assert.Contains("PostgreSQL teos_migrate", silo.Output, StringComparison.Ordinal);
        // The block feed's state came along: it resumes from the SQLite tower's tip with the one tracker.
        await silo.WaitForLineAsync($"Block feed active on .*: stored tip {tip}, 1 trackers", TimeSpan.FromSeconds(10));
        var rustThere = rust.Via(silo.Api);
        var pythonThere = python.Via(silo.Api);
        Assert.Equal(before, await AnswersAsync([.. questions.Select(q => (q.User.Via(silo.Api), q.Channel))], rustThere, pythonThere));

        await fixture.Simulator.MineAsync(1, breachedAfter.Dispute);
        await silo.WaitForBlockAsync(await fixture.Simulator.HeightAsync());
        var responded = await rustThere.WaitForStatusAsync(rustThere.LocatorOf(breachedAfter.Dispute), "dispute_responded");
        Assert.Equal(breachedAfter.Penalty.GetHash().ToString(), responded.Json.GetProperty("appointment").GetProperty("penalty_txid").GetString());
        Assert.Contains(breachedAfter.Penalty.GetHash().ToString(), await fixture.Simulator.MempoolAsync());
    }

    /// <summary>Every get_appointment answer, then each user's get_subscription_info, as the tower sent them.</summary>
    private static async Task<List<string>> AnswersAsync(IEnumerable<(TowerUser User, Channel Channel)> questions, params TowerUser[] users)
    {
        var answers = new List<string>();
        foreach (var (user, channel) in questions)
            answers.Add((await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).ToString());
        foreach (var user in users)
            answers.Add((await user.GetSubscriptionInfoAsync()).ToString());
        return answers;
    }
}

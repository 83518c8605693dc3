using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Appointments;
using Teos.Rpc.Admin.V1;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>The operator's admin gRPC API (spec 5.1) of a real teosd, through teos-cli as a process.</summary>
public class AdminApiTests
{
    [Fact]
    public async Task Gettowerinfo_reports_the_tower_counts_tip_and_leadership()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var (user, _, _) = await WatchedAndRespondedAsync(fixture);

        var run = await AdminCli.RunAsync(fixture, "--json", "gettowerinfo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var info = run.Json;
        Assert.Equal(AdminCli.TowerId(fixture), info.GetProperty("tower_id").GetString());
        Assert.Equal(1, info.GetProperty("n_registered_users").GetInt32());
        Assert.Equal(1, info.GetProperty("n_watcher_appointments").GetInt32());
        Assert.Equal(1, info.GetProperty("n_responder_trackers").GetInt32());
        Assert.True(info.GetProperty("bitcoind_reachable").GetBoolean());
        Assert.Equal(fixture.Tower.Api.Port, info.GetProperty("addresses")[0].GetProperty("port").GetInt32());
        Assert.Equal("ipv4", info.GetProperty("addresses")[0].GetProperty("type").GetString());
        Assert.Equal(await fixture.Simulator.HeightAsync(), info.GetProperty("tip_height").GetInt32());
        Assert.True(info.GetProperty("is_leader").GetBoolean());
        Assert.NotNull(user);
    }

    [Fact]
    public async Task Getusers_and_getuser_show_the_registered_user_its_slots_and_appointments()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var (user, watched, responded) = await WatchedAndRespondedAsync(fixture);

        var users = await AdminCli.RunAsync(fixture, "--json", "getusers");
        var details = await AdminCli.RunAsync(fixture, "--json", "getuser", user.Id.ToHex());
        var table = await AdminCli.RunAsync(fixture, "getuser", user.Id.ToHex());

        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.Equal([user.Id.ToHex()], users.Json.GetProperty("user_ids").EnumerateArray().Select(id => id.GetString()));
        Assert.True(details.ExitCode == 0, details.ToString());
        Assert.Equal(9_998u, details.Json.GetProperty("available_slots").GetUInt32());
        var uuids = details.Json.GetProperty("appointments").EnumerateArray().Select(uuid => uuid.GetString()).Order();
        Assert.Equal(new[] { Uuid(user, watched), Uuid(user, responded) }.Order(), uuids);
        Assert.Contains(user.LocatorOf(watched.Dispute).ToHex(), table.Stdout, StringComparison.Ordinal);
        Assert.Contains("available slots", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Getallappointments_lists_watched_appointments_and_trackers_flattened()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var (user, watched, responded) = await WatchedAndRespondedAsync(fixture);

        var run = await AdminCli.RunAsync(fixture, "--json", "getallappointments");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.Json.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var appointment = Assert.Single(rows, row => row.TryGetProperty("encrypted_blob", out _));
        Assert.Equal(user.LocatorOf(watched.Dispute).ToHex(), appointment.GetProperty("locator").GetString());
        Assert.Equal(42u, appointment.GetProperty("to_self_delay").GetUInt32());
        var tracker = Assert.Single(rows, row => row.TryGetProperty("dispute_txid", out _));
        Assert.Equal(responded.Dispute.GetHash().ToString(), tracker.GetProperty("dispute_txid").GetString());
        Assert.Equal(responded.Penalty.GetHash().ToString(), tracker.GetProperty("penalty_txid").GetString());
        Assert.Equal(responded.Penalty.ToHex(), tracker.GetProperty("penalty_rawtx").GetString());
        Assert.Equal(Uuid(user, responded), tracker.GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task Getappointments_finds_every_users_appointment_for_a_locator()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var (first, watched, _) = await WatchedAndRespondedAsync(fixture);
        var second = await fixture.RegisteredUserAsync();
        await second.AddAppointmentAsync(watched.Dispute, watched.Penalty);

        var run = await AdminCli.RunAsync(fixture, "--json", "getappointments", first.LocatorOf(watched.Dispute).ToHex());
        var table = await AdminCli.RunAsync(fixture, "getappointments", first.LocatorOf(watched.Dispute).ToHex());

        Assert.True(run.ExitCode == 0, run.ToString());
        var owners = run.Json.GetProperty("appointments").EnumerateArray().Select(row => row.GetProperty("user_id").GetString()).Order();
        Assert.Equal(new[] { first.Id.ToHex(), second.Id.ToHex() }.Order(), owners);
        Assert.Contains("Watcher appointments: 2", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_and_unknown_users_are_reported_on_stderr_with_exit_status_1()
    {
        await using var fixture = await TowerFixture.StartAsync();

        var badLocator = await AdminCli.RunAsync(fixture, "getappointments", "abcd");
        var badUser = await AdminCli.RunAsync(fixture, "getuser", "02abcd");
        var unknownUser = await AdminCli.RunAsync(fixture, "getuser", fixture.NewUser().Id.ToHex());

        Assert.Equal(1, badLocator.ExitCode);
        Assert.Contains("The provided locator does not match the expected format (16-byte hexadecimal string)", badLocator.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badUser.ExitCode);
        Assert.Contains("Provided public key does not match expected format (33-byte compressed key)", badUser.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains("User not found", unknownUser.Stderr, StringComparison.Ordinal);
        Assert.Empty(unknownUser.Stdout);
    }

    [Fact]
    public async Task Stop_shuts_teosd_down_gracefully()
    {
        await using var fixture = await TowerFixture.StartAsync();

        var run = await AdminCli.RunAsync(fixture, "stop");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, await fixture.Tower.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Stop requested through the admin API", fixture.Tower.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_listings_are_paged_with_a_cursor()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        for (var i = 0; i < 5; i++)
        {
            var channel = Channel.Revoked();
            Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
        }

        using var admin = AdminChannel.Open(fixture.Tower.Admin, AdminChannel.Load(fixture.DataDir, "client"));
        var client = new TeosAdminServices.TeosAdminServicesClient(admin);
        var seen = new List<string>();
        var after = ByteString.Empty;
        var pages = 0;
        do
        {
            var page = await client.list_appointmentsAsync(new ListAppointmentsRequest { PageSize = 2, After = after });
            seen.AddRange(page.Appointments.Select(row => Convert.ToHexStringLower(row.Uuid.Span)));
            after = page.Next;
            pages++;
        }
        while (!after.IsEmpty);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        var refused = await Assert.ThrowsAsync<RpcException>(
            () => client.list_appointmentsAsync(new ListAppointmentsRequest { PageSize = 10_001 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    /// <summary>One user with two appointments: one still watched, one whose breach the tower answered.</summary>
    private static async Task<(TowerUser User, Channel Watched, Channel Responded)> WatchedAndRespondedAsync(TowerFixture fixture)
    {
        var user = await fixture.RegisteredUserAsync();
        var watched = Channel.Revoked();
        var responded = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(watched.Dispute, watched.Penalty)).Status);
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(responded.Dispute, responded.Penalty)).Status);
        await fixture.MineAsync(1, responded.Dispute);
        await user.WaitForStatusAsync(user.LocatorOf(responded.Dispute), "dispute_responded");
        return (user, watched, responded);
    }

    private static string Uuid(TowerUser user, Channel channel) => AppointmentUuid.Compute(user.LocatorOf(channel.Dispute), user.Id).ToHex();
}

using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Appointments;
using Teos.Protocol.Signing;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>teos-client as a real process against a real teosd: a user's whole journey, receipts checked.</summary>
public class ClientToolTests
{
    [Fact]
    public async Task A_user_registers_adds_an_appointment_and_sees_the_breach_answered()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var home = new TempHome();
        var channel = Channel.Revoked();

        var register = await Client(home, "register", "--tower", fixture.Tower.Api.ToString(), "--tower-id", AdminCli.TowerId(fixture));
        var added = await Client(home, "--json", "add-appointment",
            "--commitment-txid", channel.Dispute.GetHash().ToString(), "--penalty-tx", channel.Penalty.ToHex());
        var locator = Locator.FromTxid(channel.Dispute.GetHash()).ToHex();
        var watched = await Client(home, "--json", "get-appointment", locator);
        await fixture.MineAsync(1, channel.Dispute);
        var responded = await WaitForStatusAsync(home, locator, "dispute_responded");
        var subscription = await Client(home, "--json", "get-subscription-info");

        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains("signature verified", register.Stdout, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal(locator, added.Json.GetProperty("locator").GetString());
        Assert.Equal("being_watched", watched.Json.GetProperty("status").GetString());
        var tracker = responded.Json.GetProperty("appointment");
        Assert.Equal(channel.Dispute.GetHash().ToString(), tracker.GetProperty("dispute_txid").GetString());
        Assert.Equal(channel.Penalty.GetHash().ToString(), tracker.GetProperty("penalty_txid").GetString());
        Assert.Equal([locator], subscription.Json.GetProperty("locators").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
    }

    [Fact]
    public async Task Receipts_not_signed_by_the_pinned_tower_id_are_reported_with_exit_status_2()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var home = new TempHome();
        var impostor = SecretKey.Generate().PublicKey.ToHex();
        var channel = Channel.Revoked();

        var register = await Client(home, "register", "--tower", fixture.Tower.Api.ToString(), "--tower-id", impostor);
        await Client(home, "register", "--tower", fixture.Tower.Api.ToString(), "--tower-id", AdminCli.TowerId(fixture));
        var added = await Client(home, "add-appointment", "--tower-id", impostor,
            "--commitment-txid", channel.Dispute.GetHash().ToString(), "--penalty-tx", channel.Penalty.ToHex());

        Assert.Equal(2, register.ExitCode);
        Assert.Contains("registration receipt is NOT signed by the tower id " + impostor, register.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, added.ExitCode);
        Assert.Contains("appointment receipt is NOT signed by the tower id " + impostor, added.Stderr, StringComparison.Ordinal);
        Assert.Contains(AdminCli.TowerId(fixture), added.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliRun> Client(TempHome home, params string[] args) =>
        CliRun.RunAsync("teos-client.dll", ["--datadir", home.Path, .. args]);

    private static async Task<CliRun> WaitForStatusAsync(TempHome home, string locator, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        CliRun last;
        do
        {
            last = await Client(home, "--json", "get-appointment", locator);
            if (last.ExitCode == 0 && last.Json.GetProperty("status").GetString() == status)
                return last;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"appointment {locator} never reached {status}; last run {last}");
    }

    /// <summary>A client data dir of the test's own (user key and pinned tower), deleted afterwards.</summary>
    private sealed class TempHome : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("teos-client-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

using System.Text.Json;
using Grpc.Net.Client;
using NBitcoin;
using Teos.Api.Tests.Support;
using Teos.Protocol.Appointments;
using Teos.Protocol.Signing;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.V2;
using Teos.TestSupport;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>
/// A tower with the scenario's key and user (vectors.json#scenario): one appointment whose breach was answered (a
/// tracker) and one still watched; and an admin gRPC channel presenting the tower's own client certificate.
/// </summary>
public sealed class AdminTower : IAsyncLifetime
{
    public TowerUnderTest Tower { get; private set; } = null!;

    public TestUser User { get; } = new(SecretKey.ParseHex(Str("user_private_key_hex")));

    public Locator Watched { get; } = TestUser.RandomLocator();

    public GrpcChannel Channel { get; private set; } = null!;

    public PrivateTowerServices.PrivateTowerServicesClient Private => new(Channel);

    public TeosAdminServices.TeosAdminServicesClient Teos => new(Channel);

    public static JsonElement Scenario => SpecVectors.Section("scenario");

    public static string Str(string name) => Scenario.GetProperty(name).GetString()!;

    public async Task InitializeAsync()
    {
        Tower = await TowerUnderTest.StartWithKeyAsync(Str("tower_private_key_hex"));
        var steps = Scenario.GetProperty("steps").EnumerateArray().ToList();
        await PostAsync(steps[0]);
        await Tower.MineAsync(1);
        await PostAsync(steps[1]);
        Assert.Equal(200, (await Tower.PostAsync("/add_appointment", User.AddAppointmentBody(Watched, [1, 2, 3], 144))).Status);

        // Block 206 carries the dispute transaction (scenario step 4).
        await Tower.MineAsync(205 - Tower.Bitcoind.Chain.Height);
        await Tower.MineAsync(1, [Transaction.Parse(Str("dispute_tx_hex"), Network.RegTest)]);
        var locator = Locator.ParseHex(Str("locator"));
        await TowerUnderTest.WaitUntilAsync(
            async () => (await Tower.PostAsync("/get_appointment", User.GetAppointmentBody(locator))).Body.Contains("dispute_responded"),
            "the breach answered");

        Channel = AdminChannel.Open(Tower.AdminAddress, AdminChannel.Load(Tower.DataDir, "client"));
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Tower.DisposeAsync();
    }

    private async Task PostAsync(JsonElement step)
    {
        var request = step.GetProperty("request");
        var answer = await Tower.PostAsync(request.GetProperty("path").GetString()!, JsonSerializer.Serialize(request.GetProperty("json")));
        Assert.Equal(200, answer.Status);
    }
}

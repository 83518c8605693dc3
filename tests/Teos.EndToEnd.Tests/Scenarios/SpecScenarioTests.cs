using System.Net;
using System.Text;
using System.Text.Json;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Bitcoin;
using Teos.TestSupport;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// vectors.json#scenario replayed against a real teosd holding the scenario's tower key, with the chain at the
/// scenario's heights: every request and response body byte for byte.
/// </summary>
public class SpecScenarioTests
{
    private static readonly JsonElement Scenario = SpecVectors.Section("scenario");

    [Fact]
    public async Task The_rust_client_scenario_is_reproduced_byte_for_byte()
    {
        await using var fixture = await StartAtScenarioHeightAsync();
        using var http = new HttpClient { BaseAddress = fixture.Tower.Api };
        var steps = Scenario.GetProperty("steps").EnumerateArray().ToList();

        await AssertStepAsync(http, steps[0]);
        await fixture.MineAsync(1);
        await AssertStepAsync(http, steps[1]);
        await AssertStepAsync(http, steps[2]);
        await AssertStepAsync(http, steps[3]);

        var dispute = Transaction.ParseHex(Scenario.GetProperty("dispute_tx_hex").GetString()!);
        await fixture.MineAsync(4);
        await fixture.MineAsync(1, dispute);
        Assert.Equal(206, await fixture.Simulator.HeightAsync());
        var penaltyTxid = Txid.ParseDisplayHex(steps[4].GetProperty("expected_penalty_txid").GetString()!);
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(penaltyTxid));

        await AssertStepAsync(http, steps[5]);
        await AssertStepAsync(http, steps[6]);
    }

    [Fact]
    public async Task The_python_client_scenario_gets_the_receipts_the_client_verifies()
    {
        await using var fixture = await StartAtScenarioHeightAsync();
        using var http = new HttpClient { BaseAddress = fixture.Tower.Api };
        var steps = Scenario.GetProperty("python_teos_client_steps").EnumerateArray().ToList();

        await AssertFieldsAsync(http, steps[0]);
        await fixture.MineAsync(1);
        await AssertFieldsAsync(http, steps[1]);

        // The python client's locator is the display-order prefix; the breach is still found and answered.
        await fixture.MineAsync(1, Transaction.ParseHex(Scenario.GetProperty("dispute_tx_hex").GetString()!));
        var penaltyTxid = Txid.ParseDisplayHex(Scenario.GetProperty("penalty_txid").GetString()!);
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(penaltyTxid));
    }

    private static Task<TowerFixture> StartAtScenarioHeightAsync() =>
        TowerFixture.StartAsync(new TowerSetup(
            [], InitialBlocks: 200, TowerKeyHex: Scenario.GetProperty("tower_private_key_hex").GetString()));

    private static async Task AssertStepAsync(HttpClient http, JsonElement step)
    {
        var (status, body) = await SendAsync(http, step.GetProperty("request"));
        var expected = step.GetProperty("response");
        Assert.Equal(expected.GetProperty("status").GetInt32(), (int)status);
        Assert.Equal(JsonSerializer.Serialize(expected.GetProperty("json")), body);
    }

    private static async Task AssertFieldsAsync(HttpClient http, JsonElement step)
    {
        var (status, body) = await SendAsync(http, step.GetProperty("request"));
        Assert.Equal(HttpStatusCode.OK, status);
        var actual = JsonDocument.Parse(body).RootElement;
        foreach (var field in step.GetProperty("response_fields_needed").EnumerateObject())
            Assert.Equal(JsonSerializer.Serialize(field.Value), JsonSerializer.Serialize(actual.GetProperty(field.Name)));
    }

    private static async Task<(HttpStatusCode, string)> SendAsync(HttpClient http, JsonElement request)
    {
        using var content = new StringContent(JsonSerializer.Serialize(request.GetProperty("json")), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(request.GetProperty("path").GetString()!.TrimStart('/'), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

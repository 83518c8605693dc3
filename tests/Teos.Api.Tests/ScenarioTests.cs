using System.Text;
using System.Text.Json;
using NBitcoin;
using Teos.Api.Tests.Support;
using Teos.Protocol.Signing;
using Teos.TestSupport;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>
/// vectors.json#scenario over HTTP with the scenario's tower key: every answer byte for byte (rust-teos client),
/// and the receipts a python-teos client verifies (spec 9). Also where code 35 comes from: re-sending a triggered
/// appointment.
/// </summary>
public sealed class ScenarioTests
{
    private static JsonElement Scenario => SpecVectors.Section("scenario");

    private static string Str(string name) => Scenario.GetProperty(name).GetString()!;

    [Fact]
    public async Task A_rust_teos_client_gets_the_scenario_answers_byte_for_byte()
    {
        await using var tower = await TowerUnderTest.StartWithKeyAsync(Str("tower_private_key_hex"));
        var steps = Scenario.GetProperty("steps").EnumerateArray().ToList();

        await AssertStepAsync(tower, steps[0]);
        await tower.MineAsync(1);
        await AssertStepAsync(tower, steps[1]);
        await AssertStepAsync(tower, steps[2]);
        await AssertStepAsync(tower, steps[3]);

        await BreachAsync(tower);
        await WaitForStatusAsync(tower, steps[5], "dispute_responded");
        Assert.Contains(uint256.Parse(Str("penalty_txid")), tower.Bitcoind.Chain.MempoolTxids());
        await AssertStepAsync(tower, steps[5]);
        await AssertStepAsync(tower, steps[6]);

        var again = await PostAsync(tower, steps[1]);
        Assert.Equal(400, again.Status);
        Assert.Equal("""{"error":"The provided appointment has already been triggered","error_code":35}""", again.Body);
    }

    [Fact]
    public async Task A_python_teos_client_gets_the_receipts_it_verifies_and_its_breach_answered()
    {
        await using var tower = await TowerUnderTest.StartWithKeyAsync(Str("tower_private_key_hex"));
        var steps = Scenario.GetProperty("python_teos_client_steps").EnumerateArray().ToList();

        var registered = await PostAsync(tower, steps[0]);
        AssertFields(steps[0].GetProperty("response_fields_needed"), registered);
        Assert.Equal(Str("user_id"), registered.Json.GetProperty("public_key").GetString());

        await tower.MineAsync(1);
        var added = await PostAsync(tower, steps[1]);
        AssertFields(steps[1].GetProperty("response_fields_needed"), added);

        await BreachAsync(tower);
        var user = new TestUser(SecretKey.ParseHex(Str("user_private_key_hex")));
        var locator = steps[1].GetProperty("request").GetProperty("json").GetProperty("appointment").GetProperty("locator").GetString()!;
        var body = $$"""{"locator":"{{locator}}","signature":"{{user.Sign(Encoding.ASCII.GetBytes("get appointment " + locator))}}"}""";
        await TowerUnderTest.WaitUntilAsync(
            async () => (await tower.PostAsync("/get_appointment", body)).Body.Contains("dispute_responded"), "the python breach answered");
    }

    /// <summary>Block 206 carries the dispute transaction (scenario step 4).</summary>
    private static async Task BreachAsync(TowerUnderTest tower)
    {
        await tower.MineAsync(205 - tower.Bitcoind.Chain.Height);
        await tower.MineAsync(1, [Transaction.Parse(Str("dispute_tx_hex"), Network.RegTest)]);
    }

    private static async Task WaitForStatusAsync(TowerUnderTest tower, JsonElement step, string status) =>
        await TowerUnderTest.WaitUntilAsync(async () => (await PostAsync(tower, step)).Body.Contains(status), status);

    private static async Task AssertStepAsync(TowerUnderTest tower, JsonElement step)
    {
        var expected = step.GetProperty("response");
        var answer = await PostAsync(tower, step);

        Assert.Equal(expected.GetProperty("status").GetInt32(), answer.Status);
        Assert.Equal(JsonSerializer.Serialize(expected.GetProperty("json")), answer.Body);
    }

    private static void AssertFields(JsonElement expected, ApiAnswer answer)
    {
        Assert.Equal(200, answer.Status);
        foreach (var field in expected.EnumerateObject())
            Assert.Equal(field.Value.GetRawText(), answer.Json.GetProperty(field.Name).GetRawText());
    }

    private static Task<ApiAnswer> PostAsync(TowerUnderTest tower, JsonElement step)
    {
        var request = step.GetProperty("request");
        return tower.PostAsync(request.GetProperty("path").GetString()!, JsonSerializer.Serialize(request.GetProperty("json")));
    }
}

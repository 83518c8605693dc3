using System.Text.Json;
using NBitcoin;
using Teos.Api.Tests.Support;
using Teos.Protocol.Signing;
using Teos.TestSupport;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>
/// Spec 9's rows that need a breach: the python-teos client of vectors.json#scenario.python_teos_client_steps sends
/// its appointment, the dispute is mined and the tower answers it.
/// </summary>
public sealed class PythonBreachTests(PythonBreachTests.BreachedTower fixture) : IClassFixture<PythonBreachTests.BreachedTower>
{
    private static JsonElement Scenario => SpecVectors.Section("scenario");

    [Fact]
    public async Task A_responded_dispute_echoes_the_locator_and_the_tracker_carries_its_locator()
    {
        var asSent = fixture.Locator.ToUpperInvariant();

        var answer = await fixture.Tower.PostAsync("/get_appointment", fixture.User.GetAppointmentBody(asSent));

        Assert.Equal(200, answer.Status);
        Assert.Equal(
            $$$"""{"locator":"{{{asSent}}}","status":"dispute_responded","appointment":{"locator":"{{{fixture.Locator}}}","dispute_txid":"{{{Str("dispute_txid")}}}","penalty_txid":"{{{Str("penalty_txid")}}}","penalty_rawtx":"{{{Str("penalty_tx_hex")}}}"}}""",
            answer.Body);
    }

    [Fact]
    public async Task Re_sending_a_triggered_appointment_is_400_code_minus_9()
    {
        var answer = await fixture.Tower.PostAsync("/add_appointment", JsonSerializer.Serialize(fixture.AddAppointment));

        PythonProfileTests.AssertPythonError(answer, -9, "appointment rejected. The provided appointment has already been triggered");
    }

    private static string Str(string name) => Scenario.GetProperty(name).GetString()!;

    /// <summary>The scenario's python-teos user registered, its appointment accepted, and the dispute answered.</summary>
    public sealed class BreachedTower : IAsyncLifetime
    {
        public TowerUnderTest Tower { get; private set; } = null!;

        public TestUser User { get; } = new(SecretKey.ParseHex(Str("user_private_key_hex")));

        public JsonElement AddAppointment { get; private set; }

        /// <summary>The python-teos locator (display order), lowercase as the client sent it.</summary>
        public string Locator => AddAppointment.GetProperty("appointment").GetProperty("locator").GetString()!;

        public async Task InitializeAsync()
        {
            Tower = await TowerUnderTest.StartAsync();
            var steps = Scenario.GetProperty("python_teos_client_steps").EnumerateArray().ToList();
            AddAppointment = steps[1].GetProperty("request").GetProperty("json");
            Assert.Equal(200, (await Tower.PostAsync("/register", User.PythonRegisterBody())).Status);
            Assert.Equal(200, (await Tower.PostAsync("/add_appointment", JsonSerializer.Serialize(AddAppointment))).Status);

            await Tower.MineAsync(1, [Transaction.Parse(Str("dispute_tx_hex"), Network.RegTest)]);
            await TowerUnderTest.WaitUntilAsync(
                async () => (await Tower.PostAsync("/get_appointment", User.GetAppointmentBody(Locator))).Body.Contains("dispute_responded"),
                "the breach answered");
        }

        public async Task DisposeAsync() => await Tower.DisposeAsync();
    }
}

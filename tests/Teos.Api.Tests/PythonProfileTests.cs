using Teos.Api.Tests.Support;
using Teos.Protocol.Encoding;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>
/// Spec 9's table, one test per row: what a registered profile-P user (python-teos client or plugin) reads, over
/// HTTP from a real tower. Rows that need a breach, a down bitcoind or other settings are in
/// <see cref="PythonBreachTests"/>, <see cref="BitcoindUnavailableTests"/> and <see cref="PythonSubscriptionLimitTests"/>.
/// </summary>
[Collection(DefaultTowerCollection.Name)]
public sealed class PythonProfileTests(DefaultTower fixture)
{
    private TowerUnderTest Tower => fixture.Tower;

    [Fact]
    public async Task Register_answers_the_fields_the_python_client_reads()
    {
        var user = TestUser.Random();

        var answer = await Tower.PostAsync("/register", user.PythonRegisterBody());

        Assert.Equal(200, answer.Status);
        Assert.Equal(user.UserId, answer.Json.GetProperty("public_key").GetString());
        Assert.Equal(10_000, answer.Json.GetProperty("available_slots").GetInt32());
        Assert.Equal(await Tower.HeightAsync() + 4_320, answer.Json.GetProperty("subscription_expiry").GetUInt32());
        Assert.Equal(104, answer.Json.GetProperty("subscription_signature").GetString()!.Length);
    }

    [Fact]
    public async Task An_accepted_appointment_is_answered_as_for_profile_R()
    {
        var user = await RegisteredAsync();
        var locator = TestUser.RandomLocator();

        var answer = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(locator, Bodies.OneSlotBlob));

        Assert.Equal(200, answer.Status);
        Assert.Equal(["locator", "start_block", "signature", "available_slots", "subscription_expiry"], answer.Keys);
        Assert.Equal(locator.ToHex(), answer.Json.GetProperty("locator").GetString());
        Assert.Equal(9_999, answer.Json.GetProperty("available_slots").GetInt32());
    }

    [Fact]
    public async Task A_watched_appointment_echoes_the_locator_as_received_then_the_status_and_the_appointment()
    {
        var user = await RegisteredAsync();
        var locator = TestUser.RandomLocator();
        Assert.Equal(200, (await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(locator, Bodies.OneSlotBlob, 144))).Status);
        var asSent = locator.ToHex().ToUpperInvariant();

        var answer = await Tower.PostAsync("/get_appointment", user.GetAppointmentBody(asSent));

        Assert.Equal(200, answer.Status);
        Assert.Equal(
            $$$"""{"locator":"{{{asSent}}}","status":"being_watched","appointment":{"locator":"{{{locator}}}","encrypted_blob":"{{{Hex.Encode(Bodies.OneSlotBlob)}}}","to_self_delay":144}}""",
            answer.Body);
    }

    [Fact]
    public async Task An_appointment_the_user_never_sent_is_404_with_the_locator_and_not_found()
    {
        var user = await RegisteredAsync();
        var asSent = TestUser.RandomLocator().ToHex().ToUpperInvariant();

        var answer = await Tower.PostAsync("/get_appointment", user.GetAppointmentBody(asSent));

        Assert.Equal(404, answer.Status);
        Assert.Equal($$"""{"locator":"{{asSent}}","status":"not_found"}""", answer.Body);
    }

    [Fact]
    public async Task Subscription_info_lists_the_locators_under_appointments()
    {
        var user = await RegisteredAsync();
        var locator = TestUser.RandomLocator();
        var added = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(locator, Bodies.OneSlotBlob));

        var answer = await Tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody());

        Assert.Equal(200, answer.Status);
        Assert.Equal(
            $$"""{"available_slots":9999,"subscription_expiry":{{added.Json.GetProperty("subscription_expiry")}},"appointments":["{{locator}}"]}""",
            answer.Body);
    }

    [Fact]
    public async Task A_field_rule_broken_by_a_known_python_user_gets_the_python_code()
    {
        var user = await RegisteredAsync();

        var tooSmall = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob, 19));
        var shortLocator = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(new byte[15], Bodies.OneSlotBlob, 42));
        var emptyLocator = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody([], Bodies.OneSlotBlob, 42));

        AssertPythonError(tooSmall, -5, "appointment rejected. Appointment to_self_delay too small. The to_self_delay should be at least 20 (current: 19)");
        AssertPythonError(shortLocator, -3, "appointment rejected. Wrong `locator` field size. Expected 16, received 15");
        AssertPythonError(emptyLocator, -1, "appointment rejected. `locator` field is empty");
    }

    [Fact]
    public async Task A_get_appointment_a_known_python_user_cannot_look_up_is_404_not_found()
    {
        var user = await RegisteredAsync();

        var answer = await Tower.PostAsync("/get_appointment", user.GetAppointmentBody("abcd"));

        Assert.Equal(404, answer.Status);
        Assert.Equal("""{"locator":"abcd","status":"not_found"}""", answer.Body);
    }

    [Fact]
    public async Task Before_the_signer_is_known_profile_R_answers_stand()
    {
        var stranger = TestUser.Random();

        var badLocator = await Tower.PostAsync("/add_appointment", stranger.AddAppointmentBody(new byte[15], Bodies.OneSlotBlob, 42));
        var unknown = await Tower.PostAsync("/get_appointment", stranger.GetAppointmentBody(TestUser.RandomLocator()));

        Assert.Equal("""{"error":"Wrong `locator` field size. Expected 16, received 15","error_code":4}""", badLocator.Body);
        Assert.Equal(401, unknown.Status);
        Assert.Equal(7, unknown.ErrorCode);
    }

    internal static void AssertPythonError(ApiAnswer answer, int code, string message)
    {
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(["error", "error_code"], answer.Keys);
        Assert.Equal(code, answer.ErrorCode);
        Assert.Equal(message, answer.Error);
    }

    private async Task<TestUser> RegisteredAsync()
    {
        var user = TestUser.Random();
        Assert.Equal(200, (await Tower.PostAsync("/register", user.PythonRegisterBody())).Status);
        return user;
    }
}

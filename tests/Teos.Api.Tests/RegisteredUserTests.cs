using Teos.Api.Tests.Support;
using Teos.Protocol.Encoding;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>A registered user's requests on a default tower: success shapes and the 33/36 refusals.</summary>
[Collection(DefaultTowerCollection.Name)]
public sealed class RegisteredUserTests(DefaultTower fixture)
{
    private TowerUnderTest Tower => fixture.Tower;

    [Fact]
    public async Task Register_answers_the_subscription_in_spec_key_order()
    {
        var user = TestUser.Random();

        var answer = await Tower.PostAsync("/register", user.RegisterBody());

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(["user_id", "available_slots", "subscription_start", "subscription_expiry", "subscription_signature"], answer.Keys);
        Assert.Equal(user.UserId, answer.Json.GetProperty("user_id").GetString());
        Assert.Equal(10_000, answer.Json.GetProperty("available_slots").GetInt32());
        Assert.Equal(104, answer.Json.GetProperty("subscription_signature").GetString()!.Length);
    }

    [Fact]
    public async Task A_public_key_body_registers_a_python_teos_user_and_echoes_public_key()
    {
        var user = TestUser.Random();

        var answer = await Tower.PostAsync("/register", $$"""{"public_key": "{{user.UserId.ToUpperInvariant()}}"}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal(
            ["user_id", "available_slots", "subscription_start", "subscription_expiry", "subscription_signature", "public_key"],
            answer.Keys);
        Assert.Equal(user.UserId, answer.Json.GetProperty("public_key").GetString());
    }

    [Fact]
    public async Task An_invalid_public_key_value_names_public_key()
    {
        var answer = await Tower.PostAsync("/register", """{"public_key": "aa"}""");

        Assert.Equal(4, answer.ErrorCode);
        Assert.Equal("Wrong `public_key` field size. Expected 33, received 1", answer.Error);
    }

    [Fact]
    public async Task The_array_form_of_a_register_body_is_accepted_as_rust_teos_does()
    {
        var user = TestUser.Random();

        var answer = await Tower.PostAsync("/register", $"""["{user.UserId}"]""");

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task An_accepted_appointment_can_be_read_back_and_is_listed()
    {
        var user = await RegisteredAsync();
        var locator = TestUser.RandomLocator();

        var added = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(locator, Bodies.OneSlotBlob, 144));
        var read = await Tower.PostAsync("/get_appointment", user.GetAppointmentBody(locator));
        var info = await Tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody());

        Assert.Equal(200, added.Status);
        Assert.Equal(["locator", "start_block", "signature", "available_slots", "subscription_expiry"], added.Keys);
        Assert.Equal(9_999, added.Json.GetProperty("available_slots").GetInt32());
        Assert.Equal(
            $$"""{"appointment":{"locator":"{{locator}}","encrypted_blob":"{{Hex.Encode(Bodies.OneSlotBlob)}}","to_self_delay":144},"status":"being_watched"}""",
            read.Body);
        Assert.Equal($$"""{"available_slots":9999,"subscription_expiry":{{added.Json.GetProperty("subscription_expiry")}},"locators":["{{locator}}"]}""", info.Body);
    }

    [Fact]
    public async Task A_to_self_delay_below_the_minimum_is_400_code_33()
    {
        var user = await RegisteredAsync();

        var answer = await Tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob, 19));

        Assert.Equal(400, answer.Status);
        Assert.Equal(33, answer.ErrorCode);
        Assert.Contains("at least 20", answer.Error);
    }

    [Fact]
    public async Task Get_appointment_for_a_locator_never_sent_is_404_code_36()
    {
        var user = await RegisteredAsync();

        var answer = await Tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator()));

        Assert.Equal(404, answer.Status);
        Assert.Equal("""{"error":"Appointment not found","error_code":36}""", answer.Body);
    }

    [Fact]
    public async Task A_registered_key_that_is_not_a_curve_point_is_400_code_5()
    {
        var answer = await Tower.PostAsync("/register", $$"""{"user_id": "02{{new string('f', 64)}}"}""");

        Assert.Equal(400, answer.Status);
        Assert.Equal(5, answer.ErrorCode);
    }

    private async Task<TestUser> RegisteredAsync()
    {
        var user = TestUser.Random();
        Assert.Equal(200, (await Tower.PostAsync("/register", user.RegisterBody())).Status);
        return user;
    }
}

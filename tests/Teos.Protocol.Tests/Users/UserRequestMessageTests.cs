using System.Text.Json;
using Teos.Protocol.Appointments;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Users;

/// <summary>spec 1.8: the scenario's request signatures recover the user from the documented messages.</summary>
public class UserRequestMessageTests
{
    private static JsonElement Scenario => SpecVectors.Section("scenario");

    private static IEnumerable<JsonElement> RequestsTo(string path) =>
        Scenario.GetProperty("steps").EnumerateArray()
            .Where(step => step.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
                && request.GetProperty("path").GetString() == path)
            .Select(step => step.GetProperty("request").GetProperty("json"));

    [Fact]
    public void Get_subscription_info_signatures_recover_the_user()
    {
        var userId = Scenario.GetProperty("user_id").GetString();
        foreach (var body in RequestsTo("/get_subscription_info"))
        {
            Assert.True(LightningMessageSigner.Default.TryRecover(UserRequestMessages.GetSubscriptionInfo, body.GetProperty("signature").GetString(), out PublicKey key, out _));
            Assert.Equal(userId, key.ToHex());
        }
    }

    [Fact]
    public void Get_appointment_signatures_sign_the_lowercase_locator()
    {
        var userId = Scenario.GetProperty("user_id").GetString();
        var requests = RequestsTo("/get_appointment").ToList();
        Assert.NotEmpty(requests);
        foreach (var body in requests)
        {
            var locator = Locator.ParseHex(body.GetProperty("locator").GetString()!);
            var message = UserRequestMessages.GetAppointment(locator.ToHex());
            Assert.True(LightningMessageSigner.Default.TryRecover(message, body.GetProperty("signature").GetString(), out PublicKey key, out _));
            Assert.Equal(userId, key.ToHex());
        }
    }

    [Fact]
    public void The_get_appointment_message_has_one_space_before_the_locator() =>
        Assert.Equal("get appointment 760AC2517F77C60CCF51F113C68849F7"u8.ToArray(), UserRequestMessages.GetAppointment("760AC2517F77C60CCF51F113C68849F7"));
}

using System.Text;
using System.Text.Json.Nodes;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;

namespace Teos.Api.Tests.Support;

/// <summary>A TEOS client's key and the request bodies it sends, signed as spec 1.8 says.</summary>
public sealed class TestUser(SecretKey key)
{
    public static TestUser Random() => new(SecretKey.Generate());

    public string UserId => key.PublicKey.ToHex();

    public string Sign(byte[] message) => LightningMessageSigner.Default.Sign(key, message);

    public string RegisterBody() => new JsonObject { ["user_id"] = UserId }.ToJsonString();

    /// <summary>The python-teos client's register body: it registers the user with profile P (spec 9).</summary>
    public string PythonRegisterBody() => new JsonObject { ["public_key"] = UserId }.ToJsonString();

    public string AddAppointmentBody(Locator locator, byte[] blob, uint toSelfDelay = 42) =>
        AddAppointmentBody(locator, blob, toSelfDelay, Sign(AppointmentSerialization.Serialize(locator, blob, toSelfDelay)));

    public static string AddAppointmentBody(Locator locator, byte[] blob, uint toSelfDelay, string signature) =>
        new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["locator"] = locator.ToHex(),
                ["encrypted_blob"] = Hex.Encode(blob),
                ["to_self_delay"] = toSelfDelay,
            },
            ["signature"] = signature,
        }.ToJsonString();

    public string GetAppointmentBody(Locator locator) => GetAppointmentBody(locator.ToHex());

    /// <summary>A get_appointment for the locator text as given, signed as sent (python-teos clients may send uppercase).</summary>
    public string GetAppointmentBody(string locatorText) =>
        new JsonObject
        {
            ["locator"] = locatorText,
            ["signature"] = Sign(Encoding.ASCII.GetBytes("get appointment " + locatorText)),
        }.ToJsonString();

    /// <summary>An add_appointment whose locator has any length, signed over what it carries.</summary>
    public string AddAppointmentBody(byte[] locator, byte[] blob, uint toSelfDelay) =>
        new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["locator"] = Hex.Encode(locator),
                ["encrypted_blob"] = Hex.Encode(blob),
                ["to_self_delay"] = toSelfDelay,
            },
            ["signature"] = Sign(AppointmentSerialization.Serialize(locator, blob, toSelfDelay)),
        }.ToJsonString();

    public string SubscriptionInfoBody() =>
        new JsonObject { ["signature"] = Sign("get subscription info"u8.ToArray()) }.ToJsonString();

    public static Locator RandomLocator() => Locator.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Locator.Size));
}

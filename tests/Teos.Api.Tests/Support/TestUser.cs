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

    public string GetAppointmentBody(Locator locator) =>
        new JsonObject
        {
            ["locator"] = locator.ToHex(),
            ["signature"] = Sign(Encoding.ASCII.GetBytes("get appointment " + locator.ToHex())),
        }.ToJsonString();

    public string SubscriptionInfoBody() =>
        new JsonObject { ["signature"] = Sign("get subscription info"u8.ToArray()) }.ToJsonString();

    public static Locator RandomLocator() => Locator.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Locator.Size));
}

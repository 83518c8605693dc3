using System.Text.Json.Nodes;
using Teos.LoadGen.Http;
using Teos.Protocol.Appointments;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.LoadGen.Load;

/// <summary>Bodies of the public API requests, signed by a bench user.</summary>
public static class Requests
{
    public static LightningMessageSigner Signer { get; } = LightningMessageSigner.Default;

    public static string RegisterBody(BenchUser user) => new JsonObject { ["user_id"] = user.IdHex }.ToJsonString();

    public static RawRequest Register(BenchUser user, int port) => RawRequest.PostJson("/register", port, RegisterBody(user));

    public static string AddAppointmentBody(Locator locator, byte[] blob, uint toSelfDelay, string signature) =>
        new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["locator"] = locator.ToHex(),
                ["encrypted_blob"] = Convert.ToHexStringLower(blob),
                ["to_self_delay"] = toSelfDelay,
            },
            ["signature"] = signature,
        }.ToJsonString();

    public static SignedAppointment AddAppointment(BenchUser user, Locator locator, byte[] blob, uint toSelfDelay, int port)
    {
        var signature = Signer.Sign(user.Key, AppointmentSerialization.Serialize(locator, blob, toSelfDelay));
        var request = RawRequest.PostJson("/add_appointment", port, AddAppointmentBody(locator, blob, toSelfDelay, signature));
        return new SignedAppointment(user, locator, blob, toSelfDelay, signature, request);
    }

    public static RawRequest GetAppointment(BenchUser user, Locator locator, int port) =>
        RawRequest.PostJson("/get_appointment", port, new JsonObject
        {
            ["locator"] = locator.ToHex(),
            ["signature"] = Signer.Sign(user.Key, UserRequestMessages.GetAppointment(locator.ToHex())),
        }.ToJsonString());

    public static RawRequest GetSubscriptionInfo(BenchUser user, int port) =>
        RawRequest.PostJson("/get_subscription_info", port, new JsonObject
        {
            ["signature"] = Signer.Sign(user.Key, UserRequestMessages.GetSubscriptionInfo),
        }.ToJsonString());

    /// <summary>
    /// <paramref name="perUser"/> appointments for each user with random distinct locators and blobs of
    /// <paramref name="blobSize"/> bytes, signed on all cores, ordered round-robin over users so that concurrent
    /// requests come from different users.
    /// </summary>
    public static SignedAppointment[] PreSign(IReadOnlyList<BenchUser> users, int perUser, int blobSize, int port, int seed)
    {
        var result = new SignedAppointment[users.Count * perUser];
        Parallel.For(0, result.Length, i =>
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            var locator = new byte[Locator.Size];
            random.NextBytes(locator);
            var blob = new byte[blobSize];
            random.NextBytes(blob);
            result[i] = AddAppointment(users[i % users.Count], Locator.FromBytes(locator), blob, 42, port);
        });
        return result;
    }
}

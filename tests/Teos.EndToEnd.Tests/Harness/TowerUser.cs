using System.Text.Json.Nodes;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Blobs;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>
/// A Lightning user talking to the tower over HTTP as a TEOS client of its profile would: rust-teos clients
/// register with `user_id` and use internal-order locators, python-teos clients `public_key` and display order.
/// </summary>
/// <param name="timeout">How long a request may take; 60 s unless given.</param>
public sealed class TowerUser(Uri tower, ClientProfile profile = ClientProfile.Rust, TimeSpan? timeout = null)
{
    private static readonly LightningMessageSigner Signer = LightningMessageSigner.Default;
    private readonly HttpClient _http = new() { BaseAddress = tower, Timeout = timeout ?? TimeSpan.FromSeconds(60) };

    public SecretKey Key { get; private init; } = SecretKey.Generate();

    public UserId Id => new(Key.PublicKey);

    public ClientProfile Profile => profile;

    /// <summary>The tower (silo) this user talks to.</summary>
    public Uri Tower => tower;

    /// <summary>The same user talking to another silo of the tower.</summary>
    public TowerUser Via(Uri silo, TimeSpan? timeout = null) => new(silo, profile, timeout) { Key = Key };

    public Task<TowerResponse> RegisterAsync() =>
        PostAsync("register", new JsonObject { [profile == ClientProfile.Python ? "public_key" : "user_id"] = Id.ToHex() });

    public Locator LocatorOf(Transaction dispute) => Locator.FromTxid(dispute.GetHash(), profile);

    public byte[] Encrypt(Transaction dispute, Transaction penalty) =>
        BlobCipher.Encrypt(BlobKey.For(dispute.GetHash(), profile), penalty.ToBytes());

    public Task<TowerResponse> AddAppointmentAsync(Transaction dispute, Transaction penalty, uint toSelfDelay = 42) =>
        AddAppointmentAsync(LocatorOf(dispute), Encrypt(dispute, penalty), toSelfDelay);

    public Task<TowerResponse> AddAppointmentAsync(Locator locator, byte[] blob, uint toSelfDelay = 42)
    {
        var signature = Signer.Sign(Key, AppointmentSerialization.Serialize(locator, blob, toSelfDelay));
        return PostAsync("add_appointment", new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["locator"] = locator.ToHex(),
                ["encrypted_blob"] = Convert.ToHexStringLower(blob),
                ["to_self_delay"] = toSelfDelay,
            },
            ["signature"] = signature,
        });
    }

    public Task<TowerResponse> GetAppointmentAsync(Locator locator) =>
        PostAsync("get_appointment", new JsonObject
        {
            ["locator"] = locator.ToHex(),
            ["signature"] = Signer.Sign(Key, UserRequestMessages.GetAppointment(locator.ToHex())),
        });

    public Task<TowerResponse> GetSubscriptionInfoAsync() =>
        PostAsync("get_subscription_info", new JsonObject
        {
            ["signature"] = Signer.Sign(Key, UserRequestMessages.GetSubscriptionInfo),
        });

    /// <summary>Polls get_appointment until its status is <paramref name="status"/> (bounded).</summary>
    public async Task<TowerResponse> WaitForStatusAsync(Locator locator, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        TowerResponse last;
        do
        {
            last = await GetAppointmentAsync(locator);
            if (last.Body.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal))
                return last;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"appointment {locator} never reached {status}; last answer {last}");
    }

    private async Task<TowerResponse> PostAsync(string path, JsonObject body)
    {
        // Like every TEOS client, send a Content-Length (a streamed JSON body would be chunked and refused with 411).
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        return new TowerResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

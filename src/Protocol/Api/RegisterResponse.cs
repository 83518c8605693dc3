using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>
/// POST /register success (spec 3.3), keys in spec order. <see cref="PublicKey"/> is set only for python-teos
/// users (spec 9: "3.3 plus public_key") and omitted otherwise.
/// </summary>
public sealed record RegisterResponse(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("available_slots")] uint AvailableSlots,
    [property: JsonPropertyName("subscription_start")] uint SubscriptionStart,
    [property: JsonPropertyName("subscription_expiry")] uint SubscriptionExpiry,
    [property: JsonPropertyName("subscription_signature")] string SubscriptionSignature,
    [property: JsonPropertyName("public_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PublicKey = null);

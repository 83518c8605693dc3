using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /get_subscription_info success (spec 3.6): every locator the user owns, trackers included.</summary>
public sealed record GetSubscriptionInfoResponse(
    [property: JsonPropertyName("available_slots")] uint AvailableSlots,
    [property: JsonPropertyName("subscription_expiry")] uint SubscriptionExpiry,
    [property: JsonPropertyName("locators")] IReadOnlyList<string> Locators);

using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /add_appointment success (spec 3.4); <see cref="Signature"/> signs the appointment receipt (2.3).</summary>
public sealed record AddAppointmentResponse(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("start_block")] uint StartBlock,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("available_slots")] uint AvailableSlots,
    [property: JsonPropertyName("subscription_expiry")] uint SubscriptionExpiry);

using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>
/// get_user answer: spec 5.1's fields (<c>appointments</c> are uuids), then Teos additions: the subscription
/// start and the locators, which is what a user quotes when asking the operator about an appointment.
/// </summary>
public sealed record UserResponse(
    [property: JsonPropertyName("available_slots")] uint AvailableSlots,
    [property: JsonPropertyName("subscription_expiry")] uint SubscriptionExpiry,
    [property: JsonPropertyName("appointments")] IReadOnlyList<string> Appointments,
    [property: JsonPropertyName("subscription_start")] uint SubscriptionStart,
    [property: JsonPropertyName("locators")] IReadOnlyList<string> Locators);

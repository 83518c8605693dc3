using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>python-teos' get_subscription_info success: the user's locators under <c>appointments</c> (spec 9).</summary>
public sealed record PythonSubscriptionInfoResponse(
    [property: JsonPropertyName("available_slots")] uint AvailableSlots,
    [property: JsonPropertyName("subscription_expiry")] uint SubscriptionExpiry,
    [property: JsonPropertyName("appointments")] IReadOnlyList<string> Appointments);

using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /get_subscription_info (spec 3.6); the user signs <c>"get subscription info"</c>.</summary>
public sealed record GetSubscriptionInfoRequest([property: JsonPropertyName("signature")] string Signature);

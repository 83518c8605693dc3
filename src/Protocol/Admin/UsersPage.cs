using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>get_users answer: user ids in key order; <see cref="Next"/> is the next page's cursor or null.</summary>
public sealed record UsersPage(
    [property: JsonPropertyName("user_ids")] IReadOnlyList<string> UserIds,
    [property: JsonPropertyName("next")] string? Next);

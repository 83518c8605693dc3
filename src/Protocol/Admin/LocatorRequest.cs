using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>get_appointments body: the locator (32 hex) whose appointments, of every user, are wanted.</summary>
public sealed record LocatorRequest([property: JsonPropertyName("locator")] string? Locator);

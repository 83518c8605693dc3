using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /register from a python-teos client: the same key under <c>public_key</c>; selects profile P (spec 9).</summary>
public sealed record PythonRegisterRequest([property: JsonPropertyName("public_key")] string PublicKey);

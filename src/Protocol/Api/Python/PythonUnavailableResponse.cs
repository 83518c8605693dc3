using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>python-teos' 503 body: the message alone, no code (spec 3.2, 9).</summary>
public sealed record PythonUnavailableResponse([property: JsonPropertyName("error")] string Error);

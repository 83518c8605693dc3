using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>python-teos' error body: <c>{"error": …, "error_code": &lt;negative code&gt;}</c> (spec 3.2, 9).</summary>
public sealed record PythonErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_code")] int ErrorCode)
{
    public PythonErrorResponse(string error, PythonErrorCode code)
        : this(error, (int)code)
    {
    }
}

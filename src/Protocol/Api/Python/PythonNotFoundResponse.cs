using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>python-teos' 404 for get_appointment: the locator as received and the <c>not_found</c> status (spec 9).</summary>
public sealed record PythonNotFoundResponse([property: JsonPropertyName("locator")] string Locator)
{
    [JsonPropertyName("status")]
    public string Status => AppointmentStatus.NotFound;
}

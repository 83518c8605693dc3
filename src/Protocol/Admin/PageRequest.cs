using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>
/// The body of a paged listing: at most <see cref="PageSize"/> rows after the cursor <see cref="After"/> (the
/// <c>next</c> of the previous page). Both optional: <c>{}</c> asks for the first page of the default size.
/// </summary>
public sealed record PageRequest(
    [property: JsonPropertyName("page_size")] int? PageSize = null,
    [property: JsonPropertyName("after")] string? After = null);

using System.Text.Encodings.Web;
using System.Text.Json;

namespace Teos.Api.Http;

/// <summary>Response serialization: compact, keys in declaration (spec) order.</summary>
internal static class ApiJson
{
    public const string ContentType = "application/json";

    // The default encoder escapes '`', '+', '<'… as \uXXXX; rust-teos writes them as is ("missing field `x`"),
    // and the body is never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options);
}

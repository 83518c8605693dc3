using System.Text.Json;
using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>Keeps <c>error_code</c> a JSON number even when a host registers a string enum converter globally.</summary>
public sealed class ErrorCodeJsonConverter : JsonConverter<ErrorCode>
{
    public override ErrorCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (ErrorCode)reader.GetByte();

    public override void Write(Utf8JsonWriter writer, ErrorCode value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((byte)value);
}

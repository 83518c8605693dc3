using System.Text;
using System.Text.Json;
using Teos.Api.Errors;

namespace Teos.Api.Decoding;

/// <summary>
/// Decoding errors worded like serde_json's, so rust-teos' classification (spec 3.2) gives the same code: the
/// wording of codes 3, 5 and 6 is informative, "EOF while parsing" and the code-1 text are relied upon.
/// </summary>
internal static class SerdeMessages
{
    public static ApiError InvalidType(ref Utf8JsonReader reader, string expected) =>
        ApiErrors.WrongFieldType($"invalid type: {Unexpected(ref reader)}, expected {expected}");

    public static ApiError FloatForInteger(string raw, string expected) =>
        ApiErrors.WrongFieldType($"invalid type: floating point `{raw}`, expected {expected}");

    public static ApiError IntegerOutOfRange(string raw, string expected) =>
        ApiErrors.InvalidRequestFormat($"invalid value: integer `{raw}`, expected {expected}");

    public static ApiError DuplicateField(string name) => ApiErrors.InvalidRequestFormat($"duplicate field `{name}`");

    public static ApiError InvalidLength(int length, BodySchema schema, int expected) =>
        ApiErrors.InvalidRequestFormat($"invalid length {length}, expected struct {schema.StructName} with {expected} elements");

    public static ApiError Eof { get; } = ApiErrors.InvalidRequestFormat("EOF while parsing a value");

    public static ApiError TrailingCharacters { get; } = ApiErrors.InvalidRequestFormat("trailing characters");

    public static ApiError Syntax(long line, long column) =>
        ApiErrors.InvalidRequestFormat($"invalid JSON at line {line + 1} column {column + 1}");

    public static ApiError InvalidUnicode { get; } = ApiErrors.InvalidRequestFormat("invalid unicode code point");

    private static string Unexpected(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"string {JsonSerializer.Serialize(reader.GetString())}",
        JsonTokenType.Number => IsFloat(reader.ValueSpan) ? $"floating point `{Raw(ref reader)}`" : $"integer `{Raw(ref reader)}`",
        JsonTokenType.True => "boolean `true`",
        JsonTokenType.False => "boolean `false`",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "sequence",
        _ => "map",
    };

    public static bool IsFloat(ReadOnlySpan<byte> number) => number.IndexOfAny(".eE"u8) >= 0;

    public static string Raw(ref Utf8JsonReader reader) => Encoding.UTF8.GetString(reader.ValueSpan);
}

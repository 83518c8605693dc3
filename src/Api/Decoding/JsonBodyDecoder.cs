using System.Text.Json;
using Teos.Api.Errors;
using Teos.Protocol.Encoding;

namespace Teos.Api.Decoding;

/// <summary>
/// Decodes a request body the way rust-teos' serde_json + derive does, so that the first error met while reading
/// left to right decides the code (spec 3.2): type errors 3, missing fields 1, hex errors 5, everything else 6.
/// Unknown fields are skipped, names are case-sensitive, and (rust-teos quirk) an array binds fields by position.
/// </summary>
public static class JsonBodyDecoder
{
    // serde_json's recursion limit.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    public static DecodeResult Decode(ReadOnlySpan<byte> json, BodySchema schema)
    {
        var reader = new Utf8JsonReader(json, Options);
        var rootDone = false;
        try
        {
            if (!reader.Read())
                return DecodeResult.Failed(SerdeMessages.Eof);
            var error = ReadStruct(ref reader, schema, optional: false, out var body);
            if (error is not null)
                return DecodeResult.Failed(error);

            rootDone = true;
            if (reader.Read())
                return DecodeResult.Failed(SerdeMessages.TrailingCharacters);
            return new DecodeResult(body, null);
        }
        catch (JsonException exception)
        {
            if (rootDone)
                return DecodeResult.Failed(SerdeMessages.TrailingCharacters);
            return DecodeResult.Failed(EndsEarly(json)
                ? SerdeMessages.Eof
                : SerdeMessages.Syntax(exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0));
        }
        catch (InvalidOperationException)
        {
            // GetString on invalid UTF-8 or a lone surrogate escape.
            return DecodeResult.Failed(SerdeMessages.InvalidUnicode);
        }
    }

    /// <summary>
    /// True when the text is a valid prefix of JSON that stops too soon (empty, truncated): serde_json says
    /// "EOF while parsing" there, and rust-teos' clients and tests look for it.
    /// </summary>
    private static bool EndsEarly(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(Options));
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ApiError? ReadStruct(ref Utf8JsonReader reader, BodySchema schema, bool optional, out DecodedBody? body)
    {
        body = null;
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => ReadObject(ref reader, schema, out body),
            JsonTokenType.StartArray => ReadSequence(ref reader, schema, out body),
            JsonTokenType.Null when optional => null,
            _ => SerdeMessages.InvalidType(ref reader, $"struct {schema.StructName}"),
        };
    }

    private static ApiError? ReadObject(ref Utf8JsonReader reader, BodySchema schema, out DecodedBody? body)
    {
        body = null;
        var decoded = new DecodedBody();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Find(ref reader, schema);
            if (field is null)
            {
                // serde_json reads ignored keys as text too, refusing invalid UTF-8 (GetString throws on it).
                _ = reader.GetString();
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();

            // serde derive refuses the repeated key before looking at its value.
            if (decoded.Has(field.Name))
                return SerdeMessages.DuplicateField(field.Name);

            var error = ReadField(ref reader, field, decoded);
            if (error is not null)
                return error;
        }

        foreach (var field in schema.Fields)
        {
            if (!field.Optional && !decoded.Has(field.Name))
                return ApiErrors.MissingField(field.Name);
        }

        body = decoded;
        return null;
    }

    private static ApiError? ReadSequence(ref Utf8JsonReader reader, BodySchema schema, out DecodedBody? body)
    {
        body = null;
        var decoded = new DecodedBody();
        var fields = schema.Positional.ToList();
        for (var i = 0; i < fields.Count; i++)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
                return SerdeMessages.InvalidLength(i, schema, fields.Count);

            var error = ReadField(ref reader, fields[i], decoded);
            if (error is not null)
                return error;
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
            return SerdeMessages.TrailingCharacters;

        body = decoded;
        return null;
    }

    private static FieldSpec? Find(ref Utf8JsonReader reader, BodySchema schema)
    {
        foreach (var field in schema.Fields)
        {
            // Compares the unescaped name, as serde_json does; ordinal, so names are case-sensitive.
            if (reader.ValueTextEquals(field.Name))
                return field;
        }

        return null;
    }

    private static ApiError? ReadField(ref Utf8JsonReader reader, FieldSpec field, DecodedBody decoded)
    {
        switch (field.Kind)
        {
            case FieldKind.Hex:
                if (reader.TokenType != JsonTokenType.String)
                    return SerdeMessages.InvalidType(ref reader, "a hex encoded string");
                var text = reader.GetString()!;
                if (!Hex.TryDecode(text, out var bytes, out var hexError))
                    return ApiErrors.WrongFieldFormat(hexError!.Message);
                decoded.Set(field.Name, new HexValue(text, bytes));
                return null;

            case FieldKind.Text:
                if (reader.TokenType != JsonTokenType.String)
                    return SerdeMessages.InvalidType(ref reader, "a string");
                decoded.Set(field.Name, reader.GetString()!);
                return null;

            case FieldKind.UInt32:
                var numberError = ReadUInt32(ref reader, out var number);
                if (numberError is null)
                    decoded.Set(field.Name, number);
                return numberError;

            default:
                var structError = ReadStruct(ref reader, field.Struct!, field.Optional, out var nested);
                if (structError is null && nested is not null)
                    decoded.Set(field.Name, nested);
                return structError;
        }
    }

    /// <summary>serde_json: a fraction or exponent makes a float (type error); an integer outside u32 is a value error.</summary>
    private static ApiError? ReadUInt32(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
            return SerdeMessages.InvalidType(ref reader, "u32");

        var raw = SerdeMessages.Raw(ref reader);
        if (SerdeMessages.IsFloat(reader.ValueSpan))
            return SerdeMessages.FloatForInteger(raw, "u32");

        if (raw.StartsWith('-'))
        {
            // Beyond i64 serde_json reads a float.
            if (!reader.TryGetInt64(out var negative))
                return SerdeMessages.FloatForInteger(raw, "u32");
            return negative == 0 ? null : SerdeMessages.IntegerOutOfRange(raw, "u32");
        }

        if (!reader.TryGetUInt64(out var positive))
            return SerdeMessages.FloatForInteger(raw, "u32");
        if (positive > uint.MaxValue)
            return SerdeMessages.IntegerOutOfRange(raw, "u32");

        value = (uint)positive;
        return null;
    }
}

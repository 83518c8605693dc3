using System.Text;
using Teos.Api.Decoding;
using Teos.Protocol.Api;
using Xunit;

namespace Teos.Api.Tests.Decoding;

/// <summary>serde_json's classification of body errors (spec 3.2), beyond the vectors' cases.</summary>
public sealed class JsonBodyDecoderTests
{
    private const string Locator = "00000000000000000000000000000000";

    [Theory]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1.0}, "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1e2}, "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 4294967296}, "signature": "x"}""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 99999999999999999999}, "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": null}, "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": "x", "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": 5, "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x"}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": 7}""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "zz", "to_self_delay": 1}, "signature": "x"}""", ErrorCode.WrongFieldFormat)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}}""", ErrorCode.MissingField)]
    [InlineData("""{"appointment": {"locator": "LOC", "locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x"}""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x"} x""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x",}""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x"} {}""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""[]""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""[null, "x", 3]""", ErrorCode.InvalidRequestFormat)]
    [InlineData("""true""", ErrorCode.WrongFieldType)]
    [InlineData("""null""", ErrorCode.WrongFieldType)]
    [InlineData("""12""", ErrorCode.WrongFieldType)]
    [InlineData("""{"appointment": {"locator": "LOC", "encrypted_blob": "00", "to_self_delay": 1}, "signature": "x"  """, ErrorCode.InvalidRequestFormat)]
    public void Classifies_like_rust_teos(string body, ErrorCode expected)
    {
        var result = Decode(body.Replace("LOC", Locator, StringComparison.Ordinal), RequestSchemas.AddAppointment);

        Assert.Equal(expected, result.Error?.Code);
    }

    [Fact]
    public void A_negative_integer_is_an_invalid_value()
    {
        var error = Decode("""{"appointment": {"locator": "00", "encrypted_blob": "", "to_self_delay": -5}, "signature": ""}""", RequestSchemas.AddAppointment).Error!;

        Assert.Equal(ErrorCode.InvalidRequestFormat, error.Code);
        Assert.Equal("invalid value: integer `-5`, expected u32", error.Message);
    }

    [Fact]
    public void Unknown_fields_are_ignored_whatever_their_shape()
    {
        var result = Decode("""{"extra": {"a": [1, {"b": null}]}, "signature": "x", "Signature": 3}""", RequestSchemas.GetSubscriptionInfo);

        Assert.Equal("x", result.Body!.Text("signature"));
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var result = Decode("""{"Signature": "x"}""", RequestSchemas.GetSubscriptionInfo);

        Assert.Equal("missing field `signature`", result.Error!.Message);
    }

    [Fact]
    public void Escaped_field_names_match_their_unescaped_text()
    {
        var result = Decode("""{"sig\u006eature": "x"}""", RequestSchemas.GetSubscriptionInfo);

        Assert.Equal("x", result.Body!.Text("signature"));
    }

    [Fact]
    public void A_null_appointment_is_absent_and_reported_by_the_endpoint_not_the_decoder()
    {
        var result = Decode("""{"appointment": null, "signature": "x"}""", RequestSchemas.AddAppointment);

        Assert.Null(result.Error);
        Assert.Null(result.Body!.Struct("appointment"));
    }

    [Fact]
    public void The_first_error_in_reading_order_wins()
    {
        var result = Decode("""{"locator": "0", "signature": 1}""", RequestSchemas.GetAppointment);

        Assert.Equal(ErrorCode.WrongFieldFormat, result.Error!.Code);
    }

    [Fact]
    public void Missing_fields_are_named_in_declaration_order()
    {
        var result = Decode("""{"appointment": {"to_self_delay": 3}}""", RequestSchemas.AddAppointment);

        Assert.Equal("missing field `locator`", result.Error!.Message);
    }

    [Fact]
    public void Arrays_bind_fields_by_position()
    {
        var result = Decode("""[{"locator": "00", "encrypted_blob": "", "to_self_delay": 7}, "sig"]""", RequestSchemas.AddAppointment);

        Assert.Equal(7u, result.Body!.Struct("appointment")!.UInt32("to_self_delay"));
        Assert.Equal("sig", result.Body.Text("signature"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("""{"signature": "x""")]
    [InlineData("""{"signature": "x",""")]
    [InlineData("""{"signature""")]
    public void Truncated_bodies_are_eof_errors(string body)
    {
        var error = Decode(body, RequestSchemas.GetSubscriptionInfo).Error!;

        Assert.Equal(ErrorCode.InvalidRequestFormat, error.Code);
        Assert.Contains("EOF while parsing", error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_a_request_format_error()
    {
        var error = JsonBodyDecoder.Decode([(byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}'], RequestSchemas.GetSubscriptionInfo).Error!;

        Assert.Equal(ErrorCode.InvalidRequestFormat, error.Code);
    }

    [Fact]
    public void Hex_keeps_the_text_as_received()
    {
        var result = Decode("""{"locator": "ABCDEF", "signature": "x"}""", RequestSchemas.GetAppointment);

        Assert.Equal("ABCDEF", result.Body!.Hex("locator")!.Text);
        Assert.Equal([0xab, 0xcd, 0xef], result.Body.Hex("locator")!.Bytes);
    }

    private static DecodeResult Decode(string body, BodySchema schema) => JsonBodyDecoder.Decode(Encoding.UTF8.GetBytes(body), schema);
}

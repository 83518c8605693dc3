using FsCheck;
using FsCheck.Fluent;
using Teos.Protocol.Encoding;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Encoding;

public class HexTests
{
    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("00ff7A", new byte[] { 0x00, 0xff, 0x7a })]
    [InlineData("DEADbeef", new byte[] { 0xde, 0xad, 0xbe, 0xef })]
    public void Either_case_decodes(string hex, byte[] expected)
    {
        Assert.True(Hex.TryDecode(hex, out var bytes, out var error), error?.Message);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("0g", "Invalid character 'g' at position 1")]
    [InlineData("zz", "Invalid character 'z' at position 0")]
    [InlineData("001", "Odd number of digits")]
    [InlineData("00 11", "Odd number of digits")]
    [InlineData("0011 ", "Odd number of digits")]
    [InlineData("0011\n0", "Invalid character '\n' at position 4")]
    [InlineData("00١١", "Invalid character '١' at position 2")] // Arabic-Indic digits are digits to .NET, not to hex
    [InlineData("ＦＦ", "Invalid character 'Ｆ' at position 0")]
    [InlineData("-1", "Invalid character '-' at position 0")]
    public void Refusals_name_the_first_offending_character(string hex, string message)
    {
        Assert.False(Hex.TryDecode(hex, out var bytes, out var error));
        Assert.Empty(bytes);
        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public void Decoding_agrees_with_a_digit_by_digit_reference() =>
        PropertyRuns.Check(Prop.ForAll(Gen.OneOf(Generators.HostileStrings(80), MostlyHex).ToArbitrary(), text =>
        {
            var decoded = Hex.TryDecode(text, out var bytes, out var error);
            var expected = Reference(text);
            return expected is byte[] reference
                ? decoded && reference.AsSpan().SequenceEqual(bytes)
                : !decoded && error!.Message == (string)expected;
        }), runs: 5000);

    /// <summary>Hex digits of either case, long enough for the vectorized paths, sometimes with one stray character.</summary>
    private static Gen<string> MostlyHex { get; } =
        from digits in Gen.Choose(0, 700).SelectMany(length => Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF".ToCharArray()), length))
        from stray in Gen.Choose(0, 0xFFFF).Select(i => (char)i)
        from at in Gen.Choose(-digits.Length, digits.Length - 1)
        select new string(digits.Select((digit, index) => index == at ? stray : digit).ToArray());

    [Fact]
    public void Encoding_is_lowercase_and_decodes_back() =>
        PropertyRuns.Check(Prop.ForAll<byte[]>(bytes =>
        {
            var hex = Hex.Encode(bytes);
            return hex == hex.ToLowerInvariant() && Hex.Decode(hex).AsSpan().SequenceEqual(bytes);
        }), runs: 2000);

    /// <summary>The bytes, or the refusal's message, computed one digit at a time.</summary>
    private static object Reference(string text)
    {
        if (text.Length % 2 != 0)
            return "Odd number of digits";
        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < text.Length; i++)
        {
            var digit = "0123456789abcdef".IndexOf(char.ToLowerInvariant(text[i]), StringComparison.Ordinal);
            if (digit < 0 || text[i] > 'f')
                return $"Invalid character '{text[i]}' at position {i}";
            bytes[i / 2] |= (byte)(i % 2 == 0 ? digit << 4 : digit);
        }

        return bytes;
    }
}

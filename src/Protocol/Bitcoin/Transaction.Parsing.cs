using System.Diagnostics.CodeAnalysis;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Whole-buffer parsing (spec 1.10): trailing bytes are refused. The Try methods report a typed
/// <see cref="BitcoinFormatError"/>; the others throw it inside a <see cref="BitcoinFormatException"/>.
/// </summary>
public sealed partial class Transaction
{
    /// <summary>Copies the bytes once; scripts of the result are slices of that copy.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed transaction.</exception>
    public static Transaction Parse(ReadOnlySpan<byte> bytes) =>
        WireParsing.OrThrow(TryParse(bytes, out var transaction, out var error), transaction, error);

    /// <summary>Exists so a byte[] argument is not ambiguous between the span and memory overloads. Copies.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed transaction.</exception>
    public static Transaction Parse(byte[] bytes) => Parse(bytes.AsSpan());

    /// <summary>Does not copy: the result's scripts are slices of <paramref name="bytes"/>, which must not change afterwards.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed transaction.</exception>
    public static Transaction Parse(ReadOnlyMemory<byte> bytes) =>
        WireParsing.OrThrow(TryParse(bytes, out var transaction, out var error), transaction, error);

    /// <exception cref="BitcoinFormatException">Not hex, or not exactly one well-formed transaction.</exception>
    public static Transaction ParseHex(string hex) =>
        WireParsing.OrThrow(TryParseHex(hex, out var transaction, out var error), transaction, error);

    public static bool TryParse(
        ReadOnlySpan<byte> bytes,
        [NotNullWhen(true)] out Transaction? transaction,
        [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseCopy(bytes, TransactionParser.TryRead, out transaction, out error);

    public static bool TryParse(
        byte[] bytes,
        [NotNullWhen(true)] out Transaction? transaction,
        [NotNullWhen(false)] out BitcoinFormatError? error) =>
        TryParse(bytes.AsSpan(), out transaction, out error);

    public static bool TryParse(
        ReadOnlyMemory<byte> bytes,
        [NotNullWhen(true)] out Transaction? transaction,
        [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseWhole(bytes, TransactionParser.TryRead, out transaction, out error);

    public static bool TryParseHex(
        string hex,
        [NotNullWhen(true)] out Transaction? transaction,
        [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseHex(hex, TransactionParser.TryRead, out transaction, out error);
}

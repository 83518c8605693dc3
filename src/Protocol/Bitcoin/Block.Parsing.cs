using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Whole-buffer block parsing: trailing bytes are refused, and every transaction's txid is computed as
/// it is parsed. Error offsets count from the start of the block.
/// </summary>
public sealed partial class Block
{
    /// <summary>
    /// Smallest transaction the parser accepts: version, one-byte input count, one 41-byte input, one-byte
    /// output count (zero outputs), locktime. Bounds the transaction count before allocating.
    /// </summary>
    private const int MinimumTransactionSize = 4 + 1 + TxIn.MinimumSize + 1 + 4;

    /// <summary>Copies the bytes once; scripts of the result are slices of that copy.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed block.</exception>
    public static Block Parse(ReadOnlySpan<byte> bytes) =>
        WireParsing.OrThrow(TryParse(bytes, out var block, out var error), block, error);

    /// <summary>Exists so a byte[] argument is not ambiguous between the span and memory overloads. Copies.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed block.</exception>
    public static Block Parse(byte[] bytes) => Parse(bytes.AsSpan());

    /// <summary>Does not copy: the result's scripts are slices of <paramref name="bytes"/>, which must not change afterwards.</summary>
    /// <exception cref="BitcoinFormatException">Not exactly one well-formed block.</exception>
    public static Block Parse(ReadOnlyMemory<byte> bytes) =>
        WireParsing.OrThrow(TryParse(bytes, out var block, out var error), block, error);

    /// <summary>Parses bitcoind's <c>getblock &lt;hash&gt; 0</c> result without copying the decoded bytes again.</summary>
    /// <exception cref="BitcoinFormatException">Not hex, or not exactly one well-formed block.</exception>
    public static Block ParseHex(string hex) =>
        WireParsing.OrThrow(TryParseHex(hex, out var block, out var error), block, error);

    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseCopy(bytes, TryRead, out block, out error);

    public static bool TryParse(byte[] bytes, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        TryParse(bytes.AsSpan(), out block, out error);

    public static bool TryParse(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseWhole(bytes, TryRead, out block, out error);

    public static bool TryParseHex(string hex, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseHex(hex, TryRead, out block, out error);

    private static bool TryRead(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, [NotNullWhen(true)] out Block? block)
    {
        block = null;
        if (!BlockHeader.TryRead(ref reader, buffer, out var header))
            return false;
        if (!reader.TryReadCount(MinimumTransactionSize, out var count))
            return false;

        var transactions = new Transaction[count];
        for (var i = 0; i < transactions.Length; i++)
        {
            if (!TransactionParser.TryRead(ref reader, buffer, out transactions[i]!))
                return false;
        }

        block = new Block(header, ImmutableCollectionsMarshal.AsImmutableArray(transactions));
        return true;
    }
}

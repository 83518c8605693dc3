using System.Diagnostics.CodeAnalysis;
using NBitcoin;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Spec 1.10 on top of NBitcoin: bytes are a transaction (or a block) only when they hold exactly one, with
/// nothing after it. NBitcoin's reader already refuses truncation, non-canonical CompactSizes, a segwit flag
/// other than 1 and a witness form whose witnesses are all empty (vectors.json#transactions_invalid); the
/// checks below are the rules it leaves to its caller.
/// </summary>
public static class BitcoinWire
{
    /// <summary>Bitcoin's serialization is the same on every network; the factory only names the classes to build.</summary>
    public static ConsensusFactory Factory => Network.Main.Consensus.ConsensusFactory;

    public static bool TryParseTransaction(byte[] bytes, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        transaction = Factory.CreateTransaction();
        if (TryReadWhole(bytes, transaction, out error))
        {
            // NBitcoin, like bitcoind, reads zero inputs followed by a 0x00 flag as a transaction without inputs or
            // outputs; rust-bitcoin (and so rust-teos) refuses it as an unsupported segwit flag, and no such
            // transaction can be mined. Every other zero-input form NBitcoin already refuses.
            if (transaction.Inputs.Count > 0)
            {
                // Parsed transactions are never modified, so their txid is hashed once, on first use.
                transaction.PrecomputeHash(invalidateExisting: false, lazily: true);
                return true;
            }

            error = "Zero inputs followed by unsupported segwit flag 0";
        }

        transaction = null;
        return false;
    }

    /// <exception cref="FormatException">Not exactly one well-formed transaction.</exception>
    public static Transaction ParseTransaction(byte[] bytes) =>
        TryParseTransaction(bytes, out var transaction, out var error) ? transaction : throw new FormatException(error);

    public static bool TryParseTransactionHex(string hex, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out string? error)
    {
        transaction = null;
        return TryDecodeHex(hex, out var bytes, out error) && TryParseTransaction(bytes, out transaction, out error);
    }

    public static bool TryParseBlock(byte[] bytes, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        block = Factory.CreateBlock();
        if (!TryReadWhole(bytes, block, out error))
        {
            block = null;
            return false;
        }

        block.Header.PrecomputeHash(invalidateExisting: false, lazily: true);
        foreach (var transaction in block.Transactions)
            transaction.PrecomputeHash(invalidateExisting: false, lazily: true);
        return true;
    }

    /// <summary>Parses bitcoind's <c>getblock &lt;hash&gt; 0</c> result.</summary>
    public static bool TryParseBlockHex(string hex, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        block = null;
        return TryDecodeHex(hex, out var bytes, out error) && TryParseBlock(bytes, out block, out error);
    }

    /// <summary>
    /// Reads one structure and refuses trailing bytes (rust-teos deserializes whole buffers). Every count and
    /// length is capped at the input's length before NBitcoin allocates for it (its own cap is 4 MiB whatever
    /// the input), so a forged count fails at once and allocation stays proportional to the input.
    /// </summary>
    private static bool TryReadWhole(byte[] bytes, IBitcoinSerializable value, [NotNullWhen(false)] out string? error)
    {
        var stream = new BitcoinStream(bytes) { ConsensusFactory = Factory, MaxArraySize = bytes.Length };
        try
        {
            value.ReadWrite(stream);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException or ArgumentOutOfRangeException or OverflowException)
        {
            error = e is EndOfStreamException ? "Truncated" : e.Message;
            return false;
        }

        var trailing = bytes.Length - stream.Inner.Position;
        error = trailing == 0 ? null : $"{trailing} trailing bytes";
        return error is null;
    }

    private static bool TryDecodeHex(string hex, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(hex);
        // The vectorized decoder first: a 1 MB block is 2 MB of hex, and the protocol decoder is scalar. Hex stays
        // the judge of anything the fast path refuses, and names the error.
        bytes = new byte[hex.Length / 2];
        if (hex.Length % 2 == 0 && Convert.FromHexString(hex, bytes, out _, out _) == System.Buffers.OperationStatus.Done)
        {
            error = null;
            return true;
        }

        var decoded = Hex.TryDecode(hex, out bytes, out var hexError);
        error = hexError?.Message;
        return decoded;
    }
}

using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using static Teos.Protocol.Bitcoin.BitcoinFormatErrorKind;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Transaction deserialization (spec 1.10, BIP144). Scripts and witness items stay slices of the input
/// buffer, and the txid is hashed straight from the input's byte ranges, so a block parses with about
/// one allocation per input and output and no re-serialization.
/// </summary>
internal static class TransactionParser
{
    /// <summary>Largest stripped segwit form hashed from stack scratch; bigger ones rent a pooled buffer.</summary>
    private const int StackHashLimit = 1024;

    public static bool TryRead(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, [NotNullWhen(true)] out Transaction? transaction)
    {
        transaction = null;
        var start = reader.Position;
        if (!reader.TryReadInt32(out var version))
            return false;
        if (!reader.TryReadCount(TxIn.MinimumSize, out var inputCount))
            return false;

        var hasWitness = inputCount == 0;
        if (hasWitness && !TryReadSegwitPrefix(ref reader, out inputCount))
            return false;

        var inputs = new TxIn[inputCount];
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!TryReadInput(ref reader, buffer, out inputs[i]!))
                return false;
        }

        if (!reader.TryReadCount(TxOut.MinimumSize, out var outputCount))
            return false;
        var outputs = new TxOut[outputCount];
        for (var i = 0; i < outputs.Length; i++)
        {
            if (!reader.TryReadInt64(out var value) || !reader.TryReadVarBytes(out var script))
                return false;
            outputs[i] = TxOut.Wrap(value, Slice(buffer, reader.Position, script.Length));
        }

        var witnessStart = reader.Position;
        if (hasWitness && !TryReadWitnesses(ref reader, buffer, inputs))
            return false;
        var witnessEnd = reader.Position;

        if (!reader.TryReadUInt32(out var lockTime))
            return false;

        var serialized = buffer[start..reader.Position];
        var witnessBytes = hasWitness ? 2 + (witnessEnd - witnessStart) : 0;
        var txid = hasWitness
            ? HashStripped(serialized.Span, witnessStart - start, witnessEnd - start)
            : Txid.HashOf(serialized.Span);

        transaction = new Transaction(
            version,
            ImmutableCollectionsMarshal.AsImmutableArray(inputs),
            ImmutableCollectionsMarshal.AsImmutableArray(outputs),
            lockTime,
            hasWitness,
            serialized.Length - witnessBytes,
            txid,
            serialized);
        return true;
    }

    /// <summary>
    /// After a zero input count: the segwit flag, then the real input count. A flag other than 1 is refused
    /// (rust-bitcoin's "unsupported segwit flag"), and so is zero inputs in the witness form, because no input
    /// can then carry a witness.
    /// </summary>
    private static bool TryReadSegwitPrefix(ref BitcoinReader reader, out int inputCount)
    {
        inputCount = 0;
        var flagOffset = reader.Position;
        if (!reader.TryReadByte(out var flag))
            return false;
        if (flag != 1)
            return reader.Fail(UnsupportedSegwitFlag, $"Zero inputs followed by unsupported segwit flag {flag}", flagOffset);

        var countOffset = reader.Position;
        if (!reader.TryReadCount(TxIn.MinimumSize, out inputCount))
            return false;
        return inputCount > 0 || reader.Fail(EmptyWitness, "Witness form without inputs", countOffset);
    }

    private static bool TryReadInput(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, out TxIn? input)
    {
        input = null;
        if (!reader.TryReadBytes(Txid.Size, out var previousTxid)
            || !reader.TryReadUInt32(out var vout)
            || !reader.TryReadVarBytes(out var script))
            return false;
        var scriptSig = Slice(buffer, reader.Position, script.Length);
        if (!reader.TryReadUInt32(out var sequence))
            return false;

        input = TxIn.Wrap(new OutPoint(Txid.FromInternal(previousTxid), vout), scriptSig, sequence);
        return true;
    }

    /// <summary>One witness stack per input; at least one must be non-empty or the witness form was pointless (BIP144).</summary>
    private static bool TryReadWitnesses(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, TxIn[] inputs)
    {
        var start = reader.Position;
        var anyWitness = false;
        foreach (var input in inputs)
        {
            // Each item costs at least its one-byte length.
            if (!reader.TryReadCount(1, out var itemCount))
                return false;
            if (itemCount == 0)
                continue;

            var items = new ReadOnlyMemory<byte>[itemCount];
            for (var i = 0; i < items.Length; i++)
            {
                if (!reader.TryReadVarBytes(out var item))
                    return false;
                items[i] = Slice(buffer, reader.Position, item.Length);
            }

            input.AttachWitness(ImmutableCollectionsMarshal.AsImmutableArray(items));
            anyWitness = true;
        }

        return anyWitness || reader.Fail(EmptyWitness, "Witness form but every witness is empty", start);
    }

    /// <summary>The slice that ends where the reader now stands.</summary>
    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> buffer, int end, int length) => buffer.Slice(end - length, length);

    /// <summary>
    /// txid of a segwit transaction: SHA256d of version || inputs and outputs || locktime, i.e. the
    /// serialization without the marker, flag and witnesses. The three ranges are gathered in scratch space
    /// because one-shot SHA256 is cheaper than incremental hashing at these sizes.
    /// </summary>
    private static Txid HashStripped(ReadOnlySpan<byte> serialized, int witnessStart, int witnessEnd)
    {
        var body = serialized[6..witnessStart];
        var length = 4 + body.Length + 4;
        byte[]? rented = null;
        var scratch = length <= StackHashLimit
            ? stackalloc byte[StackHashLimit]
            : rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            serialized[..4].CopyTo(scratch);
            body.CopyTo(scratch[4..]);
            serialized[witnessEnd..].CopyTo(scratch[(4 + body.Length)..]);
            return Txid.HashOf(scratch[..length]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

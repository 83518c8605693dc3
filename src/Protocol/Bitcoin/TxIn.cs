using System.Collections.Immutable;

namespace Teos.Protocol.Bitcoin;

/// <summary>A transaction input: the outpoint it spends, its scriptSig, sequence and (segwit) witness stack.</summary>
public sealed class TxIn
{
    public const uint FinalSequence = uint.MaxValue;

    /// <summary>32-byte txid, 4-byte vout, one-byte empty script length, 4-byte sequence; bounds input counts before allocating.</summary>
    internal const int MinimumSize = 41;

    /// <summary>Script and witness items are copied, so a transaction's txid cannot go stale if the caller reuses its buffers.</summary>
    public TxIn(
        OutPoint previousOutput,
        ReadOnlySpan<byte> scriptSig = default,
        uint sequence = FinalSequence,
        IEnumerable<ReadOnlyMemory<byte>>? witness = null)
    {
        if (previousOutput.Txid.InternalBytes.Length != Txid.Size)
            throw new ArgumentException("The outpoint's txid is unset", nameof(previousOutput));
        PreviousOutput = previousOutput;
        ScriptSig = scriptSig.ToArray();
        Sequence = sequence;
        Witness = witness is null ? [] : [.. witness.Select(item => (ReadOnlyMemory<byte>)item.ToArray())];
    }

    private TxIn()
    {
    }

    public OutPoint PreviousOutput { get; private init; }

    public ReadOnlyMemory<byte> ScriptSig { get; private init; }

    public uint Sequence { get; private init; }

    /// <summary>The witness stack; empty for legacy inputs.</summary>
    public ImmutableArray<ReadOnlyMemory<byte>> Witness { get; private set; } = [];

    internal int BaseSize => Txid.Size + 4 + CompactSize.SizeOfVarBytes(ScriptSig.Length) + 4;

    internal int WitnessSize
    {
        get
        {
            var size = CompactSize.SizeOf((ulong)Witness.Length);
            foreach (var item in Witness)
                size += CompactSize.SizeOfVarBytes(item.Length);
            return size;
        }
    }

    /// <summary>For the parser: the script stays a slice of the parsed buffer instead of a copy.</summary>
    internal static TxIn Wrap(OutPoint previousOutput, ReadOnlyMemory<byte> scriptSig, uint sequence) =>
        new() { PreviousOutput = previousOutput, ScriptSig = scriptSig, Sequence = sequence };

    /// <summary>
    /// For the parser only, before the transaction is published: witnesses follow all outputs on the wire,
    /// so they are known only after the input itself was built.
    /// </summary>
    internal void AttachWitness(ImmutableArray<ReadOnlyMemory<byte>> witness) => Witness = witness;

    internal void WriteBaseTo(ref BitcoinWriter writer)
    {
        writer.WriteBytes(PreviousOutput.Txid.InternalBytes);
        writer.WriteUInt32(PreviousOutput.Vout);
        writer.WriteVarBytes(ScriptSig.Span);
        writer.WriteUInt32(Sequence);
    }

    internal void WriteWitnessTo(ref BitcoinWriter writer)
    {
        writer.WriteCompactSize((ulong)Witness.Length);
        foreach (var item in Witness)
            writer.WriteVarBytes(item.Span);
    }
}

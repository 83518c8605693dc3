using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// A Bitcoin transaction, legacy or segwit (spec 1.10). Immutable; the txid is computed once, when the
/// transaction is built or parsed, because every consumer (locators, outpoints, merkle roots) needs it.
/// Parsing lives in <c>Transaction.Parsing.cs</c>.
/// </summary>
public sealed partial class Transaction
{
    private readonly ReadOnlyMemory<byte> _serialized;
    private StrongBox<Txid>? _wtxid;

    public Transaction(int version, IEnumerable<TxIn> inputs, IEnumerable<TxOut> outputs, uint lockTime)
    {
        Version = version;
        Inputs = [.. inputs];
        Outputs = [.. outputs];
        LockTime = lockTime;
        HasWitness = Inputs.Any(input => input.Witness.Length > 0);
        BaseSize = ComputeBaseSize();
        Size = HasWitness ? BaseSize + 2 + Inputs.Sum(input => input.WitnessSize) : BaseSize;
        Txid = Txid.HashOf(Serialize(includeWitness: false));
    }

    /// <summary>For the parser, which already knows the sizes, the txid and the exact bytes.</summary>
    internal Transaction(
        int version,
        ImmutableArray<TxIn> inputs,
        ImmutableArray<TxOut> outputs,
        uint lockTime,
        bool hasWitness,
        int baseSize,
        Txid txid,
        ReadOnlyMemory<byte> serialized)
    {
        Version = version;
        Inputs = inputs;
        Outputs = outputs;
        LockTime = lockTime;
        HasWitness = hasWitness;
        BaseSize = baseSize;
        Size = serialized.Length;
        Txid = txid;
        _serialized = serialized;
    }

    public int Version { get; }

    public ImmutableArray<TxIn> Inputs { get; }

    public ImmutableArray<TxOut> Outputs { get; }

    public uint LockTime { get; }

    /// <summary>True when some input has a witness, i.e. the transaction serializes in the BIP144 form.</summary>
    public bool HasWitness { get; }

    public bool IsCoinbase => Inputs.Length == 1 && Inputs[0].PreviousOutput.IsNull;

    /// <summary>SHA256d of the serialization without witness data (spec 1.2), internal order.</summary>
    public Txid Txid { get; }

    /// <summary>SHA256d of the full serialization; equals <see cref="Txid"/> without witnesses. TEOS never needs it, so it is computed on demand.</summary>
    public Txid Wtxid => HasWitness ? (_wtxid ??= new StrongBox<Txid>(ComputeWtxid())).Value : Txid;

    /// <summary>Bytes of the full serialization (what bitcoind calls "size").</summary>
    public int Size { get; }

    /// <summary>Bytes of the serialization without witness data.</summary>
    public int BaseSize { get; }

    public int Weight => BaseSize * 3 + Size;

    public int VirtualSize => (Weight + 3) / 4;

    /// <summary>Serializes in the witness form when there is a witness and <paramref name="includeWitness"/> asks for it.</summary>
    public byte[] Serialize(bool includeWitness = true)
    {
        var withWitness = includeWitness && HasWitness;
        // A parsed transaction already holds its exact full serialization.
        if (!_serialized.IsEmpty && (withWitness || !HasWitness))
            return _serialized.ToArray();

        var bytes = new byte[withWitness ? Size : BaseSize];
        var writer = new BitcoinWriter(bytes);
        WriteTo(ref writer, includeWitness);
        return bytes;
    }

    public string ToHex(bool includeWitness = true) => Hex.Encode(Serialize(includeWitness));

    public void WriteTo(ref BitcoinWriter writer, bool includeWitness = true)
    {
        var withWitness = includeWitness && HasWitness;
        writer.WriteInt32(Version);
        if (withWitness)
        {
            writer.WriteByte(0x00);
            writer.WriteByte(0x01);
        }

        writer.WriteCompactSize((ulong)Inputs.Length);
        foreach (var input in Inputs)
            input.WriteBaseTo(ref writer);
        writer.WriteCompactSize((ulong)Outputs.Length);
        foreach (var output in Outputs)
            output.WriteTo(ref writer);
        if (withWitness)
        {
            foreach (var input in Inputs)
                input.WriteWitnessTo(ref writer);
        }

        writer.WriteUInt32(LockTime);
    }

    public override string ToString() => Txid.ToString();

    private int ComputeBaseSize()
    {
        var size = 4 + CompactSize.SizeOf((ulong)Inputs.Length) + CompactSize.SizeOf((ulong)Outputs.Length) + 4;
        foreach (var input in Inputs)
            size += input.BaseSize;
        foreach (var output in Outputs)
            size += output.SerializedSize;
        return size;
    }

    private Txid ComputeWtxid() => _serialized.IsEmpty ? Txid.HashOf(Serialize()) : Txid.HashOf(_serialized.Span);
}

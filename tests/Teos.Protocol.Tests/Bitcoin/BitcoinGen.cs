using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Teos.Protocol.Bitcoin;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>FsCheck generators of well-formed transactions, as structured values (not bytes).</summary>
internal static class BitcoinGen
{
    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(value => (byte)value);

    /// <summary>Mostly short scripts, sometimes long enough (253+) to need a 0xfd CompactSize.</summary>
    public static readonly Gen<byte[]> Script = Gen.Frequency((8, Bytes(0, 40)), (1, Bytes(250, 300)));

    public static readonly Gen<uint> UInt32 = Gen.Frequency(
        (6, Bytes(4, 4).Select(bytes => BinaryPrimitives.ReadUInt32LittleEndian(bytes))),
        (1, Gen.Elements(0u, 1u, uint.MaxValue, uint.MaxValue - 1)));

    public static readonly Gen<long> Int64 = Gen.Frequency(
        (6, Bytes(8, 8).Select(bytes => BinaryPrimitives.ReadInt64LittleEndian(bytes))),
        (1, Gen.Elements(0L, 546L, 21_000_000L * 100_000_000L, -1L, long.MinValue)));

    public static readonly Gen<Txid> AnyTxid = Bytes(32, 32).Select(bytes => Txid.FromInternal(bytes));

    public static readonly Gen<TxOut> Output =
        from value in Int64
        from script in Script
        select new TxOut(value, script);

    public static readonly Gen<Transaction> Legacy = Assemble(LegacyInput);

    /// <summary>Some inputs carry witness stacks; at least one is non-empty, as the witness form requires.</summary>
    public static readonly Gen<Transaction> Segwit = Assemble(SegwitInput).Where(tx => tx.HasWitness);

    public static readonly Gen<Transaction> AnyTransaction = Gen.OneOf(Legacy, Segwit);

    public static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(Byte, length));

    private static Gen<TxIn> LegacyInput =>
        from txid in AnyTxid
        from vout in UInt32
        from script in Script
        from sequence in UInt32
        select new TxIn(new OutPoint(txid, vout), script, sequence);

    private static Gen<TxIn> SegwitInput =>
        from txid in AnyTxid
        from vout in UInt32
        from script in Gen.Frequency((3, Gen.Constant(Array.Empty<byte>())), (1, Script))
        from sequence in UInt32
        from witness in Gen.Choose(0, 4).SelectMany(count => Gen.ArrayOf(Script, count))
        select new TxIn(new OutPoint(txid, vout), script, sequence, witness.Select(item => (ReadOnlyMemory<byte>)item));

    /// <summary>1-4 inputs and 0-4 outputs, occasionally 253+ outputs to exercise a 0xfd count.</summary>
    private static Gen<Transaction> Assemble(Gen<TxIn> input) =>
        from version in Gen.Frequency((4, Gen.Elements(1, 2)), (1, UInt32.Select(value => (int)value)))
        from inputs in Gen.Choose(1, 4).SelectMany(count => Gen.ArrayOf(input, count))
        from outputs in Gen.Frequency((30, Gen.Choose(0, 4)), (1, Gen.Choose(253, 256))).SelectMany(count => Gen.ArrayOf(Output, count))
        from lockTime in UInt32
        select new Transaction(version, inputs, outputs, lockTime);
}

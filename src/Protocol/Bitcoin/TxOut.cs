namespace Teos.Protocol.Bitcoin;

/// <summary>A transaction output: an amount in satoshis and the script that locks it.</summary>
public sealed class TxOut
{
    /// <summary>8-byte value plus at least the one-byte script length; bounds output counts before allocating.</summary>
    internal const int MinimumSize = 9;

    /// <summary>The script is copied, so a transaction's txid cannot go stale if the caller reuses its buffer.</summary>
    public TxOut(long value, ReadOnlySpan<byte> scriptPubKey)
    {
        Value = value;
        ScriptPubKey = scriptPubKey.ToArray();
    }

    private TxOut()
    {
    }

    /// <summary>Satoshis.</summary>
    public long Value { get; private init; }

    public ReadOnlyMemory<byte> ScriptPubKey { get; private init; }

    internal int SerializedSize => 8 + CompactSize.SizeOfVarBytes(ScriptPubKey.Length);

    /// <summary>For the parser: the script stays a slice of the parsed buffer instead of a copy.</summary>
    internal static TxOut Wrap(long value, ReadOnlyMemory<byte> scriptPubKey) =>
        new() { Value = value, ScriptPubKey = scriptPubKey };

    internal void WriteTo(ref BitcoinWriter writer)
    {
        writer.WriteInt64(Value);
        writer.WriteVarBytes(ScriptPubKey.Span);
    }
}

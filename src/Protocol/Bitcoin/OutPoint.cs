namespace Teos.Protocol.Bitcoin;

/// <summary>The output an input spends: a txid (internal order on the wire) and an output index.</summary>
public readonly record struct OutPoint(Txid Txid, uint Vout)
{
    /// <summary>What a coinbase input "spends": the zero txid and index 0xffffffff.</summary>
    public static OutPoint Null { get; } = new(Txid.Zero, uint.MaxValue);

    public bool IsNull => Vout == uint.MaxValue && Txid == Txid.Zero;

    /// <summary>bitcoind's "txid:vout" rendering, txid in display order.</summary>
    public override string ToString() => $"{Txid}:{Vout}";
}

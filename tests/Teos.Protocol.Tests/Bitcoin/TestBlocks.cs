using Teos.Protocol.Bitcoin;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Builders of plausible block contents: a coinbase, then P2WPKH spends chained off it.</summary>
internal static class TestBlocks
{
    private static readonly byte[] P2wpkhScript = [0x00, 0x14, .. Enumerable.Repeat((byte)0x11, 20)];

    public static IReadOnlyList<Transaction> Transactions(int count, int height = 1)
    {
        var transactions = new List<Transaction> { Coinbase.Create(height, 50_0000_0000, P2wpkhScript) };
        while (transactions.Count < count)
            transactions.Add(Spend(transactions[^1], transactions.Count));
        return transactions;
    }

    /// <summary>A ~220-byte segwit spend of output 0 of <paramref name="previous"/> (signature bytes are filler).</summary>
    public static Transaction Spend(Transaction previous, int salt)
    {
        var signature = Enumerable.Repeat((byte)salt, 72).ToArray();
        var publicKey = Enumerable.Repeat((byte)(salt + 1), 33).ToArray();
        var input = new TxIn(new OutPoint(previous.Txid, 0), [], 0xffff_fffd, [signature, publicKey]);
        return new Transaction(2, [input], [new TxOut(10_000 + salt, P2wpkhScript), new TxOut(5_000, P2wpkhScript)], 0);
    }
}

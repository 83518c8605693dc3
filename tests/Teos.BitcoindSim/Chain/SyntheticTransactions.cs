using System.Buffers.Binary;
using Teos.Protocol.Bitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>
/// Cheap, distinct filler transactions for full blocks in benchmarks: each spends a made-up outpoint (funded
/// from outside the simulation) and pays to a P2WSH-sized script, about the size of a real payment.
/// </summary>
public static class SyntheticTransactions
{
    private static long _counter;

    public static IReadOnlyList<Transaction> Create(int count)
    {
        var transactions = new Transaction[count];
        for (var i = 0; i < count; i++)
            transactions[i] = CreateOne(Interlocked.Increment(ref _counter));
        return transactions;
    }

    private static Transaction CreateOne(long serial)
    {
        // A made-up previous txid: the serial plus a fixed tag, no hashing (hashing dominates the cost of a full block).
        Span<byte> made = stackalloc byte[Txid.Size];
        made.Fill(0x5E);
        BinaryPrimitives.WriteInt64LittleEndian(made, serial);
        var previous = Txid.FromInternal(made);

        var script = new byte[34];
        script[0] = 0x00;
        script[1] = 0x20;
        previous.InternalBytes.CopyTo(script.AsSpan(2));
        return new Transaction(2, [new TxIn(new OutPoint(previous, (uint)(serial & 0xff)))], [new TxOut(10_000 + serial % 1000, script)], 0);
    }
}

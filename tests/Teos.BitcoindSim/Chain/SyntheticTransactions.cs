using System.Buffers.Binary;
using NBitcoin;

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
        var made = new byte[32];
        made.AsSpan().Fill(0x5E);
        BinaryPrimitives.WriteInt64LittleEndian(made, serial);

        var transaction = BlockFactory.Factory.CreateTransaction();
        transaction.Version = 2;
        transaction.Inputs.Add(new TxIn(new OutPoint(new uint256(made), (uint)(serial & 0xff))));
        transaction.Outputs.Add(new TxOut(Money.Satoshis(10_000 + serial % 1000), new Script(OpcodeType.OP_0, Op.GetPushOp(made))));
        return BlockFactory.Sealed(transaction);
    }
}

using System.Security.Cryptography;
using NBitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>Transactions for tests: spending chosen outpoints, or funded from outside the simulation.</summary>
public static class SimTransactions
{
    /// <summary>Spends <paramref name="inputs"/> into <paramref name="outputs"/> outputs; a random output script keeps txids distinct.</summary>
    public static Transaction Spending(IReadOnlyList<OutPoint> inputs, int outputs = 1)
    {
        var transaction = BlockFactory.Factory.CreateTransaction();
        transaction.Version = 2;
        foreach (var outPoint in inputs)
            transaction.Inputs.Add(new TxIn(outPoint));
        // P2WSH-shaped (OP_0 PUSH32), so outputs look like Lightning ones.
        for (var i = 0; i < outputs; i++)
            transaction.Outputs.Add(new TxOut(Money.Satoshis(50_000), new Script(OpcodeType.OP_0, Op.GetPushOp(RandomNumberGenerator.GetBytes(32)))));
        return BlockFactory.Sealed(transaction);
    }

    public static Transaction Spending(OutPoint input, int outputs = 1) => Spending([input], outputs);

    /// <summary>A transaction spending a made-up outpoint, which the simulator accepts as funded from outside.</summary>
    public static Transaction Funded(int outputs = 1) =>
        Spending(new OutPoint(new uint256(RandomNumberGenerator.GetBytes(32)), 0), outputs);
}

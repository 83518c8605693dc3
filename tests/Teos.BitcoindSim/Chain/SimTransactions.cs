using System.Security.Cryptography;
using Teos.Protocol.Bitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>Transactions for tests: spending chosen outpoints, or funded from outside the simulation.</summary>
public static class SimTransactions
{
    /// <summary>P2WSH-shaped output script (OP_0 PUSH32), so outputs look like Lightning ones.</summary>
    private static readonly byte[] WitnessScriptHashPrefix = [0x00, 0x20];

    /// <summary>Spends <paramref name="inputs"/> into <paramref name="outputs"/> outputs; a random output script keeps txids distinct.</summary>
    public static Transaction Spending(IReadOnlyList<OutPoint> inputs, int outputs = 1)
    {
        var txOuts = Enumerable.Range(0, outputs).Select(_ => new TxOut(50_000, [.. WitnessScriptHashPrefix, .. RandomNumberGenerator.GetBytes(32)]));
        return new Transaction(2, inputs.Select(outPoint => new TxIn(outPoint)), txOuts, 0);
    }

    public static Transaction Spending(OutPoint input, int outputs = 1) => Spending([input], outputs);

    /// <summary>A transaction spending a made-up outpoint, which the simulator accepts as funded from outside.</summary>
    public static Transaction Funded(int outputs = 1) =>
        Spending(new OutPoint(Txid.FromInternal(RandomNumberGenerator.GetBytes(Txid.Size)), 0), outputs);
}

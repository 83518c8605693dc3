namespace Teos.Protocol.Bitcoin;

/// <summary>Builds coinbase transactions the way bitcoind's block assembler does, for simulators and tests.</summary>
public static class Coinbase
{
    /// <summary>
    /// One null-outpoint input whose scriptSig is the BIP34 height push followed by OP_0 (bitcoind's
    /// <c>CScript() &lt;&lt; height &lt;&lt; OP_0</c>, which also keeps the scriptSig at the 2-byte consensus minimum),
    /// and one output paying <paramref name="value"/> to <paramref name="scriptPubKey"/>. The height makes
    /// every coinbase, and so every txid, unique.
    /// </summary>
    public static Transaction Create(int height, long value, ReadOnlySpan<byte> scriptPubKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var scriptSig = new List<byte>();
        PushNumber(scriptSig, height);
        scriptSig.Add(0x00);
        var input = new TxIn(OutPoint.Null, scriptSig.ToArray());
        return new Transaction(2, [input], [new TxOut(value, scriptPubKey)], 0);
    }

    /// <summary>Script's minimal push of a non-negative number: OP_0, OP_1..OP_16, or little-endian bytes with a clear sign bit.</summary>
    private static void PushNumber(List<byte> script, int value)
    {
        if (value == 0)
        {
            script.Add(0x00);
            return;
        }

        if (value <= 16)
        {
            script.Add((byte)(0x50 + value));
            return;
        }

        var digits = new List<byte>();
        for (var rest = value; rest > 0; rest >>= 8)
            digits.Add((byte)rest);
        if ((digits[^1] & 0x80) != 0)
            digits.Add(0x00);
        script.Add((byte)digits.Count);
        script.AddRange(digits);
    }
}

using System.Text.Json;
using NBitcoin;
using Teos.BitcoindSim.Chain;

namespace Teos.BitcoindSim.Rpc;

/// <summary>Positional JSON-RPC parameters, read with bitcoind's errors for missing or mistyped values.</summary>
internal sealed class RpcParams
{
    private readonly JsonElement[] _values;

    public RpcParams(JsonElement? parameters)
    {
        _values = parameters is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];
    }

    public int Count => _values.Length;

    public bool Has(int index) => index < _values.Length && _values[index].ValueKind != JsonValueKind.Null;

    public string String(int index) =>
        Has(index) && _values[index].ValueKind == JsonValueKind.String
            ? _values[index].GetString()!
            : throw new SimRpcException(-3, $"Expected type string for parameter {index + 1}");

    public int Int(int index) =>
        Has(index) && _values[index].ValueKind == JsonValueKind.Number && _values[index].TryGetInt32(out var value)
            ? value
            : throw new SimRpcException(-3, $"Expected type number for parameter {index + 1}");

    public int Int(int index, int fallback) => Has(index) ? Int(index) : fallback;

    /// <summary>bitcoind accepts true/false or 0/1 for verbose flags.</summary>
    public bool Bool(int index, bool fallback)
    {
        if (!Has(index))
            return fallback;
        return _values[index].ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => _values[index].GetInt32() != 0,
            _ => throw new SimRpcException(-3, $"Expected type bool for parameter {index + 1}"),
        };
    }

    /// <summary>A display-order hash, with bitcoind's -8 for the wrong length or non-hex.</summary>
    public uint256 Hash(int index, string name)
    {
        var text = String(index);
        // bitcoind takes exactly 64 hex digits; NBitcoin would also take a 0x prefix.
        return text.Length == 64 && uint256.TryParse(text, out var hash)
            ? hash
            : throw new SimRpcException(-8, $"{name} must be of length 64 (not {text.Length}, for '{text}')");
    }

    /// <summary>getblock's verbosity: 0, 1 or 2, or (as older bitcoind took it, and NBitcoin still sends it) false or true.</summary>
    public int Verbosity(int index) => Has(index) && _values[index].ValueKind is JsonValueKind.True or JsonValueKind.False
        ? (Bool(index, true) ? 1 : 0)
        : Int(index, 1);

    public IReadOnlyList<string> Strings(int index)
    {
        if (!Has(index))
            return [];
        if (_values[index].ValueKind != JsonValueKind.Array)
            throw new SimRpcException(-3, $"Expected type array for parameter {index + 1}");
        return [.. _values[index].EnumerateArray().Select(item => item.GetString() ?? throw new SimRpcException(-3, "Expected strings"))];
    }
}

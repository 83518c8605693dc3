namespace Teos.BitcoindSim.Chain;

/// <summary>An answer the simulator gives as a JSON-RPC error, with bitcoind's code and message.</summary>
public sealed class SimRpcException : Exception
{
    public SimRpcException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    public int Code { get; }

    public static SimRpcException BlockNotFound() => new(-5, "Block not found");
}

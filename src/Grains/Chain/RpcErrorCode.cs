namespace Teos.Grains.Chain;

/// <summary>bitcoind's JSON-RPC error codes that the tower reads (Bitcoin Core src/rpc/protocol.h).</summary>
public static class RpcErrorCode
{
    /// <summary>RPC_MISC_ERROR, e.g. "Block not available (pruned data)".</summary>
    public const int MiscError = -1;

    /// <summary>RPC_INVALID_ADDRESS_OR_KEY: unknown block or transaction.</summary>
    public const int InvalidAddressOrKey = -5;

    /// <summary>RPC_INVALID_PARAMETER, e.g. "Block height out of range".</summary>
    public const int InvalidParameter = -8;

    /// <summary>RPC_DESERIALIZATION_ERROR: "TX decode failed".</summary>
    public const int DeserializationError = -22;

    /// <summary>RPC_VERIFY_ERROR: e.g. missing or spent inputs.</summary>
    public const int VerifyError = -25;

    /// <summary>RPC_VERIFY_REJECTED: policy or consensus rejection, e.g. txn-mempool-conflict.</summary>
    public const int VerifyRejected = -26;

    /// <summary>RPC_VERIFY_ALREADY_IN_CHAIN.</summary>
    public const int VerifyAlreadyInChain = -27;

    /// <summary>RPC_IN_WARMUP: bitcoind is starting; treated as unreachable and retried.</summary>
    public const int InWarmup = -28;

    /// <summary>RPC_METHOD_NOT_FOUND.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Not a bitcoind code: the tower's UNKNOWN_JSON_RPC_EXCEPTION for any other failure (spec 4.4).</summary>
    public const int UnknownJsonRpcException = -257;
}

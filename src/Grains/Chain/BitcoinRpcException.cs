namespace Teos.Grains.Chain;

/// <summary>bitcoind answered with a JSON-RPC error: its numeric code (see <see cref="RpcErrorCode"/>) and message.</summary>
public sealed class BitcoinRpcException : BitcoindException
{
    public BitcoinRpcException(string method, int code, string rpcMessage)
        : base($"bitcoind {method} failed with RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
    }

    public string Method { get; }

    public int Code { get; }

    /// <summary>bitcoind's message as sent, e.g. "bad-txns-inputs-missingorspent".</summary>
    public string RpcMessage { get; }
}

namespace Teos.BitcoindSim.Server;

/// <summary>
/// A canned answer for the next call of one method, to test how clients handle what the simulator would not
/// produce on its own: an arbitrary RPC error, an unparsable body, an HTTP status.
/// </summary>
/// <param name="Status">HTTP status of the answer.</param>
/// <param name="Body">Raw response body, sent as is.</param>
public sealed record SimFault(int Status, string Body)
{
    public static SimFault RpcError(int code, string message, int status = 500) =>
        new(status, $$"""{"result":null,"error":{"code":{{code}},"message":"{{message}}"},"id":1}""");
}

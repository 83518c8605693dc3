using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NBitcoin;
using NBitcoin.RPC;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// <c>getblock &lt;hash&gt; 0</c> as one direct JSON-RPC POST beside <see cref="RPCClient"/>, on its address, HTTP client
/// and credentials. RPCClient reads every reply into Newtonsoft.Json tokens, which for a block's megabytes of hex is
/// measurably slower: a 4,000-transaction block from the simulator on loopback, to a parsed block, took 9.7 and
/// 17.9 ms through RPCClient against 6.7 and 7.3 ms read here with System.Text.Json (two runs of bench
/// GetBlockRpcBenchmarks), allocating 11.3 MB against 7.3 MB. Every other call goes through RPCClient.
/// </summary>
public static class RawBlockCall
{
    /// <summary>The block's hex; failures surface as RPCClient's would (<see cref="RPCException"/>, <see cref="HttpRequestException"/>).</summary>
    public static async Task<string> GetHexAsync(RPCClient rpc, uint256 blockHash, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, rpc.Address)
        {
            Content = new StringContent(
                $$"""{"jsonrpc":"1.0","id":1,"method":"getblock","params":["{{blockHash}}",0]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(rpc.Authentication)));
        using var response = await rpc.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // RPCClient re-reads a cookie bitcoind rotated when it restarted; let it, through the same call.
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return (await rpc.SendCommandAsync(RPCOperations.getblock, cancellationToken, blockHash, 0).ConfigureAwait(false)).ResultString;
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            response.EnsureSuccessStatusCode();

        using var reply = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = reply.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            throw new RPCException((RPCErrorCode)error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString(), null);
        response.EnsureSuccessStatusCode();
        return root.GetProperty("result").GetString() ?? throw new FormatException("getblock returned a null result");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Teos.BitcoindSim.Server;

/// <summary>
/// Calls every RPC path a tower uses, over HTTP, on a throwaway instance: the real one then answers its first
/// getblock or sendrawtransaction without compiling it first.
/// </summary>
public static class SimWarmUp
{
    /// <summary>One input from an outpoint the simulation never created (accepted as funded from outside), one output.</summary>
    private const string SpendHex =
        "0100000001" + "11111111111111111111111111111111111111111111111111111111111111110000000000ffffffff"
        + "0100e1f50500000000" + "1976a914222222222222222222222222222222222222222288ac" + "00000000";

    private const string UnknownTxid = "3333333333333333333333333333333333333333333333333333333333333333";

    public static async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await using var scratch = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 101 }, cancellationToken);
        using var http = new HttpClient { BaseAddress = scratch.Endpoint };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:pass"u8));
        // Twice: the second sendrawtransaction meets the first one's spend already mined (-27), so the success and
        // the error path are both compiled.
        for (var round = 0; round < 2; round++)
        {
            var synthetic = await CallAsync(http, "sim_minesynthetic", "[1000, []]", cancellationToken);
            await CallAsync(http, "getblock", $"[{synthetic}, 0]", cancellationToken);
            await CallAsync(http, "getblockheader", $"[{synthetic}]", cancellationToken);
            await CallAsync(http, "getbestblockhash", "[]", cancellationToken);
            await CallAsync(http, "getblockcount", "[]", cancellationToken);
            await CallAsync(http, "getblockchaininfo", "[]", cancellationToken);
            await CallAsync(http, "sendrawtransaction", $"[\"{SpendHex}\"]", cancellationToken);
            await CallAsync(http, "getrawmempool", "[]", cancellationToken);
            await CallAsync(http, "generatetoaddress", "[1, \"bcrt1qwarmup\"]", cancellationToken);
        }

        await CallAsync(http, "getrawtransaction", $"[\"{UnknownTxid}\", true]", cancellationToken);
    }

    /// <summary>The raw result; errors (-5 for the unknown txid, -27 for the mined spend) warm the error path too.</summary>
    private static async Task<string> CallAsync(HttpClient http, string method, string parameters, CancellationToken cancellationToken)
    {
        var body = $$"""{"jsonrpc":"1.0","id":"warmup","method":"{{method}}","params":{{parameters}}}""";
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using var reply = await http.PostAsync((Uri?)null, content, cancellationToken);
        if (reply.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.InternalServerError))
            throw new InvalidOperationException($"warm-up {method}: HTTP {(int)reply.StatusCode}");
        var text = await reply.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("result").GetRawText();
    }
}

using System.Text.Json;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// bitcoind's reply envelope {"result", "error": {"code", "message"}, "id"}. bitcoind sends it with HTTP 200 on
/// success, 500 for RPC errors and 404 for an unknown method.
/// </summary>
internal sealed record JsonRpcReply(JsonElement Result, int? ErrorCode, string? ErrorMessage)
{
    /// <exception cref="BitcoindReplyException">The body is not a JSON-RPC reply.</exception>
    public static JsonRpcReply Parse(string method, int httpStatus, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BitcoindReplyException($"bitcoind's reply to {method} (HTTP {httpStatus}) is not a JSON object");

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : RpcErrorCode.UnknownJsonRpcException;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
                return new JsonRpcReply(default, code, message);
            }

            if (!root.TryGetProperty("result", out var result))
                throw new BitcoindReplyException($"bitcoind's reply to {method} (HTTP {httpStatus}) has neither result nor error");
            return new JsonRpcReply(result.Clone(), null, null);
        }
        catch (JsonException e)
        {
            throw new BitcoindReplyException($"bitcoind's reply to {method} (HTTP {httpStatus}) is not JSON: {e.Message}", e);
        }
    }
}

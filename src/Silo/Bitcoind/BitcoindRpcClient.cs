using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Teos.Grains.Chain;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;

namespace Teos.Silo.Bitcoind;

/// <summary>The tower's <see cref="IBitcoinNode"/>: bitcoind's JSON-RPC over HTTP (spec 4.8).</summary>
public sealed class BitcoindRpcClient : IBitcoinNode, IBitcoindReachability, IDisposable
{
    private readonly BitcoindRpcConnection _connection;

    public BitcoindRpcClient(IOptions<BitcoindOptions> options, ILogger<BitcoindRpcClient> logger, TimeProvider? time = null)
    {
        var value = options.Value;
        _connection = new BitcoindRpcConnection(value, BitcoindCredentials.FromOptions(value), logger, time);
    }

    public Uri Endpoint => _connection.Endpoint;

    public bool IsReachable => _connection.IsReachable;

    public async Task<BlockchainInfo> GetBlockchainInfoAsync(CancellationToken cancellationToken)
    {
        const string method = "getblockchaininfo";
        var result = await _connection.CallAsync(method, [], cancellationToken).ConfigureAwait(false);
        int? pruneHeight = result.TryGetProperty("pruneheight", out var prune) && prune.ValueKind == JsonValueKind.Number ? prune.GetInt32() : null;
        return new BlockchainInfo(
            ReplyField.String(result, "chain", method),
            ReplyField.Int(result, "blocks", method),
            ReplyField.Hash(result, "bestblockhash", method),
            ReplyField.ChainWork(result, method),
            pruneHeight);
    }

    public async Task<Txid> GetBestBlockHashAsync(CancellationToken cancellationToken)
    {
        var result = await _connection.CallAsync("getbestblockhash", [], cancellationToken).ConfigureAwait(false);
        return ReplyField.Hash(result, "getbestblockhash");
    }

    public async Task<Txid> GetBlockHashAsync(int height, CancellationToken cancellationToken)
    {
        var result = await _connection.CallAsync("getblockhash", [height], cancellationToken).ConfigureAwait(false);
        return ReplyField.Hash(result, "getblockhash");
    }

    public async Task<BlockHeaderInfo> GetBlockHeaderAsync(Txid blockHash, CancellationToken cancellationToken)
    {
        const string method = "getblockheader";
        var result = await _connection.CallAsync(method, [blockHash.ToDisplayHex(), true], cancellationToken).ConfigureAwait(false);
        Txid? previous = result.TryGetProperty("previousblockhash", out _) ? ReplyField.Hash(result, "previousblockhash", method) : null;
        var header = new BlockHeaderInfo(
            ReplyField.Hash(result, "hash", method),
            ReplyField.Int(result, "height", method),
            previous,
            ReplyField.ChainWork(result, method),
            ReplyField.Int(result, "confirmations", method));
        if (header.Hash != blockHash)
            throw new BitcoindReplyException($"getblockheader {blockHash} returned header {header.Hash}");
        return header;
    }

    public async Task<Block> GetBlockAsync(Txid blockHash, CancellationToken cancellationToken)
    {
        const string method = "getblock";
        var result = await _connection.CallAsync(method, [blockHash.ToDisplayHex(), 0], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.String || !Block.TryParseHex(result.GetString()!, out var block, out var error))
            throw new BitcoindReplyException($"getblock {blockHash} did not return a parsable raw block");
        return block;
    }

    public async Task<int> GetBlockCountAsync(CancellationToken cancellationToken)
    {
        var result = await _connection.CallAsync("getblockcount", [], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Number && result.TryGetInt32(out var count)
            ? count
            : throw new BitcoindReplyException("getblockcount did not return a number");
    }

    public async Task<RawTransactionInfo> GetRawTransactionAsync(Txid txid, CancellationToken cancellationToken)
    {
        const string method = "getrawtransaction";
        var result = await _connection.CallAsync(method, [txid.ToDisplayHex(), true], cancellationToken).ConfigureAwait(false);
        Txid? blockHash = result.TryGetProperty("blockhash", out _) ? ReplyField.Hash(result, "blockhash", method) : null;
        var confirmations = result.TryGetProperty("confirmations", out var c) && c.TryGetInt32(out var n) ? n : 0;
        return new RawTransactionInfo(
            ReplyField.Hash(result, "txid", method),
            ReplyField.Bytes(result, "hex", method),
            blockHash,
            confirmations);
    }

    public async Task<Txid> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken)
    {
        var result = await _connection.CallAsync("sendrawtransaction", [Hex.Encode(rawTransaction.Span)], cancellationToken).ConfigureAwait(false);
        return ReplyField.Hash(result, "sendrawtransaction");
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Typed reads of reply fields; anything unexpected is a <see cref="BitcoindReplyException"/>.</summary>
    private static class ReplyField
    {
        public static string String(JsonElement result, string name, string method) =>
            result.ValueKind == JsonValueKind.Object && result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Missing(name, method);

        public static int Int(JsonElement result, string name, string method) =>
            result.ValueKind == JsonValueKind.Object && result.TryGetProperty(name, out var value) && value.TryGetInt32(out var number)
                ? number
                : throw Missing(name, method);

        public static Txid Hash(JsonElement result, string name, string method) =>
            Txid.TryParseDisplayHex(String(result, name, method), out var hash) ? hash : throw Missing(name, method);

        /// <summary>A bare hash result (getbestblockhash, getblockhash, sendrawtransaction).</summary>
        public static Txid Hash(JsonElement result, string method) =>
            result.ValueKind == JsonValueKind.String && Txid.TryParseDisplayHex(result.GetString()!, out var hash)
                ? hash
                : throw new BitcoindReplyException($"{method} did not return a 32-byte hash");

        public static byte[] Bytes(JsonElement result, string name, string method) =>
            Hex.TryDecode(String(result, name, method), out var bytes, out _) ? bytes : throw Missing(name, method);

        /// <summary>chainwork is a 64-digit hex number.</summary>
        public static BigInteger ChainWork(JsonElement result, string method) =>
            BigInteger.TryParse("0" + String(result, "chainwork", method), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var work)
                ? work
                : throw Missing("chainwork", method);

        private static BitcoindReplyException Missing(string name, string method) =>
            new($"{method} reply lacks a valid '{name}'");
    }
}

using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using NBitcoin.RPC;
using Newtonsoft.Json.Linq;
using Teos.Grains.Chain;
using Teos.Protocol.Bitcoin;
using BlockchainInfo = Teos.Grains.Chain.BlockchainInfo;
using RawTransactionInfo = Teos.Grains.Chain.RawTransactionInfo;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// The tower's <see cref="IBitcoinNode"/>: bitcoind's JSON-RPC through NBitcoin's <see cref="RPCClient"/> (spec 4.8).
/// Where NBitcoin has no typed call for what the tower reads (getblockchaininfo's prune height and chain name,
/// getblockheader's verbose fields) the reply's JSON is read here.
/// </summary>
public sealed class BitcoindRpcClient : IBitcoinNode, IBitcoindReachability, IDisposable
{
    private readonly BitcoindRpcConnection _connection;

    public BitcoindRpcClient(IOptions<BitcoindOptions> options, ILogger<BitcoindRpcClient> logger, TimeProvider? time = null)
    {
        _connection = new BitcoindRpcConnection(options.Value, logger, time);
    }

    public Uri Endpoint => _connection.Endpoint;

    public bool IsReachable => _connection.IsReachable;

    public Task<BlockchainInfo> GetBlockchainInfoAsync(CancellationToken cancellationToken) =>
        _connection.CallAsync("getblockchaininfo", async (rpc, token) =>
        {
            var result = (await rpc.SendCommandAsync(RPCOperations.getblockchaininfo, token).ConfigureAwait(false)).Result;
            var prune = result["pruneheight"];
            return new BlockchainInfo(
                Reply.String(result, "chain"),
                Reply.Int(result, "blocks"),
                Reply.Hash(result, "bestblockhash"),
                Reply.ChainWork(result),
                prune is { Type: JTokenType.Integer } ? prune.Value<int>() : null);
        }, cancellationToken);

    public Task<uint256> GetBestBlockHashAsync(CancellationToken cancellationToken) =>
        _connection.CallAsync("getbestblockhash", (rpc, token) => rpc.GetBestBlockHashAsync(token), cancellationToken);

    public Task<uint256> GetBlockHashAsync(int height, CancellationToken cancellationToken) =>
        _connection.CallAsync("getblockhash", (rpc, token) => rpc.GetBlockHashAsync(height, token), cancellationToken);

    public async Task<BlockHeaderInfo> GetBlockHeaderAsync(uint256 blockHash, CancellationToken cancellationToken)
    {
        var header = await _connection.CallAsync("getblockheader", async (rpc, token) =>
        {
            var result = (await rpc.SendCommandAsync("getblockheader", token, blockHash, true).ConfigureAwait(false)).Result;
            return new BlockHeaderInfo(
                Reply.Hash(result, "hash"),
                Reply.Int(result, "height"),
                result["previousblockhash"] is null ? null : Reply.Hash(result, "previousblockhash"),
                Reply.ChainWork(result),
                Reply.Int(result, "confirmations"));
        }, cancellationToken).ConfigureAwait(false);
        if (header.Hash != blockHash)
            throw new BitcoindReplyException($"getblockheader {blockHash} returned header {header.Hash}");
        return header;
    }

    /// <summary>
    /// getblock verbosity 0 by <see cref="RawBlockCall"/> (RPCClient's JSON handling doubles this call), parsed by
    /// <see cref="BitcoinWire"/>: the tower holds bitcoind's bytes to spec 1.10 (nothing after the block).
    /// </summary>
    public Task<Block> GetBlockAsync(uint256 blockHash, CancellationToken cancellationToken) =>
        _connection.CallAsync("getblock", async (rpc, token) =>
            BitcoinWire.TryParseBlockHex(await RawBlockCall.GetHexAsync(rpc, blockHash, token).ConfigureAwait(false), out var block, out _)
                ? block
                : throw new BitcoindReplyException($"getblock {blockHash} did not return a parsable raw block"), cancellationToken);

    public Task<int> GetBlockCountAsync(CancellationToken cancellationToken) =>
        _connection.CallAsync("getblockcount", (rpc, token) => rpc.GetBlockCountAsync(token), cancellationToken);

    public Task<RawTransactionInfo> GetRawTransactionAsync(uint256 txid, CancellationToken cancellationToken) =>
        _connection.CallAsync("getrawtransaction", async (rpc, token) =>
        {
            var info = await rpc.GetRawTransactionInfoAsync(txid, token).ConfigureAwait(false);
            return new RawTransactionInfo(info.TransactionId, info.Transaction.ToBytes(), info.BlockHash, (int)info.Confirmations);
        }, cancellationToken);

    public Task<uint256> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken) =>
        _connection.CallAsync("sendrawtransaction", async (rpc, token) =>
            await rpc.SendRawTransactionAsync(rawTransaction.ToArray(), token).ConfigureAwait(false)
                ?? throw new BitcoindReplyException("sendrawtransaction did not return a txid"), cancellationToken);

    public void Dispose() => _connection.Dispose();

    /// <summary>Typed reads of reply fields; anything missing or mistyped is a <see cref="BitcoindReplyException"/>.</summary>
    private static class Reply
    {
        public static string String(JToken result, string name) =>
            result[name] is { Type: JTokenType.String } value ? value.Value<string>()! : throw Missing(name);

        public static int Int(JToken result, string name) =>
            result[name] is { Type: JTokenType.Integer } value ? value.Value<int>() : throw Missing(name);

        public static uint256 Hash(JToken result, string name) =>
            uint256.TryParse(String(result, name), out var hash) ? hash : throw Missing(name);

        /// <summary>chainwork is a 64-digit hex number.</summary>
        public static BigInteger ChainWork(JToken result) =>
            BigInteger.TryParse("0" + String(result, "chainwork"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var work)
                ? work
                : throw Missing("chainwork");

        private static BitcoindReplyException Missing(string name) => new($"bitcoind's reply lacks a valid '{name}'");
    }
}

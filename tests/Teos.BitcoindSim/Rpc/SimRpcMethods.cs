using System.Text.Json.Nodes;
using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Server;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;

namespace Teos.BitcoindSim.Rpc;

/// <summary>
/// The RPC methods the simulator answers: bitcoind's (as the tower uses them) plus sim_* controls for tests that
/// drive the simulator from another process.
/// </summary>
internal sealed class SimRpcMethods
{
    private readonly RegtestChain _chain;
    private readonly BitcoindSimServer _server;

    public SimRpcMethods(RegtestChain chain, BitcoindSimServer server)
    {
        _chain = chain;
        _server = server;
    }

    /// <exception cref="SimRpcException">bitcoind's error for the call.</exception>
    public JsonNode? Invoke(string method, RpcParams p) => method switch
    {
        "getblockchaininfo" => BlockchainInfo(),
        "getbestblockhash" => _chain.Tip.Hash.ToString(),
        "getblockcount" => _chain.Height,
        "getblockhash" => (_chain.BlockAt(p.Int(0)) ?? throw new SimRpcException(-8, "Block height out of range")).Hash.ToString(),
        "getblockheader" => BlockHeader(FindBlock(p), p.Bool(1, true)),
        "getblock" => Block(FindBlock(p), p.Verbosity(1)),
        "getrawtransaction" => RawTransaction(p.Hash(0, "txid"), p.Bool(1, false)),
        "sendrawtransaction" => _chain.SendRawTransaction(p.String(0)).ToString(),
        "getrawmempool" => new JsonArray([.. _chain.MempoolTxids().Select(txid => (JsonNode)txid.ToString())]),
        "generatetoaddress" => Hashes(_chain.Mine(p.Int(0))),
        "generateblock" => new JsonObject { ["hash"] = _chain.Mine(1, Decode(p.Strings(1)), includeMempool: false)[0].ToString() },
        "invalidateblock" => Done(() => _chain.InvalidateBlock(p.Hash(0, "blockhash"))),
        "stop" => Done(_server.RequestShutdown, "Bitcoin Core stopping"),
        "sim_mine" => Hashes(_chain.Mine(p.Int(0), Decode(p.Strings(1)), p.Bool(2, true))),
        "sim_minesynthetic" => _chain.MineSynthetic(p.Int(0), Decode(p.Strings(1))).ToString(),
        "sim_reorg" => Hashes(_chain.Reorg(p.Int(0), p.Int(1), Decode(p.Strings(2)), p.Bool(3, true), p.Bool(4, true))),
        "sim_prune" => Done(() => _chain.Prune(p.Int(0))),
        "sim_rotatecookie" => Done(_server.RotateCookie),
        "sim_unavailable" => Done(() => _server.GoUnavailableInBackground(TimeSpan.FromMilliseconds(p.Int(0)))),
        _ => throw new SimRpcException(-32601, "Method not found"),
    };

    private JsonObject BlockchainInfo()
    {
        var tip = _chain.Tip;
        var info = new JsonObject
        {
            ["chain"] = _chain.ChainName,
            ["blocks"] = tip.Height,
            ["headers"] = tip.Height,
            ["bestblockhash"] = tip.Hash.ToString(),
            ["difficulty"] = 4.656542373906925E-10,
            ["time"] = tip.Block.Header.BlockTime.ToUnixTimeSeconds(),
            ["mediantime"] = tip.Block.Header.BlockTime.ToUnixTimeSeconds(),
            ["verificationprogress"] = 1,
            ["initialblockdownload"] = false,
            ["chainwork"] = tip.ChainWorkHex,
            ["size_on_disk"] = 0,
            ["pruned"] = _chain.PruneHeight is not null,
            ["warnings"] = new JsonArray(),
        };
        if (_chain.PruneHeight is { } pruneHeight)
            info["pruneheight"] = pruneHeight;
        return info;
    }

    private SimBlock FindBlock(RpcParams p) => _chain.FindBlock(p.Hash(0, "blockhash")) ?? throw SimRpcException.BlockNotFound();

    private JsonNode BlockHeader(SimBlock block, bool verbose)
    {
        if (!verbose)
            return Hex.Encode(block.Block.Header.ToBytes());
        var header = block.Block.Header;
        var json = new JsonObject
        {
            ["hash"] = block.Hash.ToString(),
            ["confirmations"] = _chain.Confirmations(block),
            ["height"] = block.Height,
            ["version"] = header.Version,
            ["versionHex"] = header.Version.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["merkleroot"] = header.HashMerkleRoot.ToString(),
            ["time"] = header.BlockTime.ToUnixTimeSeconds(),
            ["mediantime"] = header.BlockTime.ToUnixTimeSeconds(),
            ["nonce"] = header.Nonce,
            ["bits"] = header.Bits.ToCompact().ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["difficulty"] = 4.656542373906925E-10,
            ["chainwork"] = block.ChainWorkHex,
            ["nTx"] = block.Block.Transactions.Count,
        };
        if (block.Height > 0)
            json["previousblockhash"] = header.HashPrevBlock.ToString();
        if (_chain.NextOf(block) is { } next)
            json["nextblockhash"] = next.Hash.ToString();
        return json;
    }

    private JsonNode Block(SimBlock block, int verbosity)
    {
        if (block.Pruned)
            throw new SimRpcException(-1, "Block not available (pruned data)");
        if (verbosity == 0)
            return block.RawHex;
        var json = (JsonObject)BlockHeader(block, verbose: true);
        json["size"] = block.Block.GetSerializedSize();
        json["tx"] = new JsonArray([.. block.Block.Transactions.Select(tx => (JsonNode)tx.GetHash().ToString())]);
        return json;
    }

    private JsonNode RawTransaction(uint256 txid, bool verbose)
    {
        var location = _chain.FindTransaction(txid)
            ?? throw new SimRpcException(-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");
        var transaction = location.Transaction;
        if (!verbose)
            return transaction.ToHex();

        var json = new JsonObject
        {
            ["txid"] = transaction.GetHash().ToString(),
            ["hash"] = transaction.GetWitHash().ToString(),
            ["version"] = transaction.Version,
            ["size"] = transaction.GetSerializedSize(),
            ["vsize"] = transaction.GetVirtualSize(),
            ["weight"] = transaction.GetSerializedSize(TransactionOptions.None) * 3 + transaction.GetSerializedSize(),
            ["locktime"] = transaction.LockTime.Value,
            ["hex"] = transaction.ToHex(),
        };
        if (location.Block is { } block)
        {
            json["blockhash"] = block.Hash.ToString();
            json["confirmations"] = _chain.Confirmations(block);
            json["time"] = block.Block.Header.BlockTime.ToUnixTimeSeconds();
            json["blocktime"] = block.Block.Header.BlockTime.ToUnixTimeSeconds();
        }

        return json;
    }

    private static IReadOnlyList<Transaction> Decode(IReadOnlyList<string> hexes) =>
        [.. hexes.Select(hex => BitcoinWire.TryParseTransactionHex(hex, out var tx, out _)
            ? tx
            : throw new SimRpcException(-22, "TX decode failed. Make sure the tx has at least one input."))];

    private static JsonArray Hashes(IReadOnlyList<uint256> hashes) => new([.. hashes.Select(hash => (JsonNode)hash.ToString())]);

    private static JsonNode? Done(Action action, string? answer = null)
    {
        action();
        return answer;
    }
}

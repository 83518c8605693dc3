using System.Net;
using NBitcoin;
using NBitcoin.RPC;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Server;
using Xunit;

namespace Teos.BitcoindSim.Tests;

/// <summary>
/// NBitcoin's <see cref="RPCClient"/>, which teosd talks through, reads the simulator's answers with its own typed
/// calls: every field it insists on is there as bitcoind sends it (chainwork as 64 hex digits, for one).
/// </summary>
public sealed class NBitcoinClientTests : IAsyncLifetime
{
    private BitcoindSimServer _server = null!;
    private RPCClient _rpc = null!;

    public async Task InitializeAsync()
    {
        _server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 101 });
        _rpc = new RPCClient(new RPCCredentialString { UserPassword = new NetworkCredential("user", "pass") }, _server.Endpoint, Network.RegTest);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chain_calls_read_the_simulators_answers()
    {
        var tip = _server.Chain.Tip;

        var info = await _rpc.GetBlockchainInfoAsync();
        var header = await _rpc.GetBlockHeaderAsync(tip.Hash);
        var block = await _rpc.GetBlockAsync(tip.Hash);

        Assert.Equal((Network.RegTest, 101ul, tip.Hash), (info.Chain, info.Blocks, info.BestBlockHash));
        Assert.Equal(new uint256(tip.ChainWorkHex), info.ChainWork);
        Assert.Equal(tip.Hash, await _rpc.GetBestBlockHashAsync());
        Assert.Equal(101, await _rpc.GetBlockCountAsync());
        Assert.Equal(Network.RegTest.GenesisHash, await _rpc.GetBlockHashAsync(0));
        Assert.Equal(tip.Hash, header.GetHash());
        Assert.Equal(tip.Hash, block.GetHash());
        Assert.True(block.CheckMerkleRoot());
        Assert.True(block.Header.CheckProofOfWork());
    }

    [Fact]
    public async Task Transaction_calls_read_the_simulators_answers()
    {
        var pending = SimTransactions.Funded();
        var mined = SimTransactions.Funded();
        _server.Chain.Mine(2, [mined]);

        Assert.Equal(pending.GetHash(), await _rpc.SendRawTransactionAsync(pending));
        var inMempool = await _rpc.GetRawTransactionInfoAsync(pending.GetHash());
        var confirmed = await _rpc.GetRawTransactionInfoAsync(mined.GetHash());

        Assert.Equal((pending.GetHash(), (uint256?)null, 0u), (inMempool.Transaction.GetHash(), inMempool.BlockHash, inMempool.Confirmations));
        Assert.Equal((mined.GetHash(), _server.Chain.BlockAt(102)!.Hash, 2u), (confirmed.TransactionId, confirmed.BlockHash, confirmed.Confirmations));
        Assert.Equal(mined.GetVirtualSize(), (int)confirmed.VirtualSize);
    }

    [Fact]
    public async Task Rpc_errors_arrive_with_bitcoinds_code_and_message()
    {
        var error = await Assert.ThrowsAsync<RPCException>(() => _rpc.GetBlockHashAsync(1000));

        Assert.Equal(RPCErrorCode.RPC_INVALID_PARAMETER, error.RPCCode);
        Assert.Equal("Block height out of range", error.Message);
    }
}

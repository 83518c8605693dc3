using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Server;
using Xunit;

namespace Teos.BitcoindSim.Tests;

public sealed class BitcoindSimServerTests : IAsyncLifetime
{
    private BitcoindSimServer _server = null!;
    private SimRpc _rpc = null!;

    public async Task InitializeAsync()
    {
        _server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 101 });
        _rpc = new SimRpc(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _rpc.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Getblockchaininfo_reports_regtest_and_the_tip()
    {
        var info = await _rpc.CallAsync("getblockchaininfo");

        Assert.Equal("regtest", (string?)info!["chain"]);
        Assert.Equal(101, (int)info["blocks"]!);
        Assert.Equal(_server.Chain.Tip.Hash.ToString(), (string?)info["bestblockhash"]);
        Assert.Null(info["pruneheight"]);
    }

    [Fact]
    public async Task Rpc_errors_come_with_http_500_and_bitcoinds_error_object()
    {
        var (status, body) = await _rpc.PostAsync("getblockheader", new string('0', 64));

        Assert.Equal(500, status);
        Assert.Equal(-5, (int)body!["error"]!["code"]!);
        Assert.Equal("Block not found", (string?)body["error"]!["message"]);
        Assert.Null(body["result"]);
        Assert.Equal("test", (string?)body["id"]);
    }

    [Fact]
    public async Task An_unknown_method_answers_http_404()
    {
        var (status, body) = await _rpc.PostAsync("nosuchmethod");

        Assert.Equal(404, status);
        Assert.Equal(-32601, (int)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task Wrong_credentials_answer_401_without_body()
    {
        _rpc.Password = "wrong";

        var (status, body) = await _rpc.PostAsync("getblockcount");

        Assert.Equal(401, status);
        Assert.Null(body);
    }

    [Fact]
    public async Task Stale_blocks_have_minus_one_confirmations_and_can_still_be_fetched()
    {
        var stale = _server.Chain.Tip.Hash.ToString();
        await _rpc.CallAsync("sim_reorg", 1, 2);

        var header = await _rpc.CallAsync("getblockheader", stale, true);
        var raw = await _rpc.CallAsync("getblock", stale, 0);

        Assert.Equal(-1, (int)header!["confirmations"]!);
        Assert.Equal(stale, Block.Parse((string)raw!, Network.RegTest).GetHash().ToString());
    }

    [Fact]
    public async Task A_pruned_block_answers_minus_one_and_the_prune_height_is_reported()
    {
        await _rpc.CallAsync("sim_prune", 50);

        var (status, body) = await _rpc.PostAsync("getblock", _server.Chain.BlockAt(10)!.Hash.ToString(), 0);
        var info = await _rpc.CallAsync("getblockchaininfo");

        Assert.Equal(500, status);
        Assert.Equal(-1, (int)body!["error"]!["code"]!);
        Assert.Equal("Block not available (pruned data)", (string?)body["error"]!["message"]);
        Assert.Equal(50, (int)info!["pruneheight"]!);
    }

    [Fact]
    public async Task Getrawtransaction_reports_mempool_chain_and_unknown_transactions()
    {
        var pending = SimTransactions.Funded();
        var mined = SimTransactions.Funded();
        await _rpc.CallAsync("sim_mine", 2, new[] { mined.ToHex() });
        await _rpc.CallAsync("sendrawtransaction", pending.ToHex());

        var inMempool = await _rpc.CallAsync("getrawtransaction", pending.GetHash().ToString(), true);
        var inChain = await _rpc.CallAsync("getrawtransaction", mined.GetHash().ToString(), true);
        var (status, unknown) = await _rpc.PostAsync("getrawtransaction", new string('1', 64), true);

        Assert.Null(inMempool!["blockhash"]);
        Assert.Null(inMempool["confirmations"]);
        Assert.Equal(2, (int)inChain!["confirmations"]!);
        Assert.Equal(_server.Chain.BlockAt(102)!.Hash.ToString(), (string?)inChain["blockhash"]);
        Assert.Equal(500, status);
        Assert.Equal(-5, (int)unknown!["error"]!["code"]!);
    }

    [Fact]
    public async Task Going_unavailable_refuses_connections_and_comes_back_on_the_same_port()
    {
        var port = _server.Port;
        await _server.StopListeningAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => _rpc.PostAsync("getblockcount"));

        await _server.StartListeningAsync();
        Assert.Equal(port, _server.Port);
        Assert.Equal(101, (int)(await _rpc.CallAsync("getblockcount"))!);
    }

    [Fact]
    public async Task The_unavailable_control_refuses_connections_for_a_while_then_serves_again()
    {
        await _rpc.CallAsync("sim_unavailable", 1000);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_server.IsListening && DateTime.UtcNow < deadline)
            await Task.Delay(10);

        await Assert.ThrowsAsync<HttpRequestException>(() => _rpc.PostAsync("getblockcount"));

        deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_server.IsListening && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(101, (int)(await _rpc.CallAsync("getblockcount"))!);
    }

    [Fact]
    public async Task A_rotated_cookie_replaces_the_old_one()
    {
        var cookiePath = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}", ".cookie");
        await using var server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { CookiePath = cookiePath });
        var old = File.ReadAllText(cookiePath).Split(':');
        using var rpc = new SimRpc(server.Endpoint, old[0], old[1]);
        Assert.Equal("__cookie__", old[0]);
        Assert.Equal(0, (int)(await rpc.CallAsync("getblockcount"))!);

        server.RotateCookie();

        Assert.Equal(401, (await rpc.PostAsync("getblockcount")).Status);
        var fresh = File.ReadAllText(cookiePath).Split(':');
        rpc.Password = fresh[1];
        Assert.Equal(200, (await rpc.PostAsync("getblockcount")).Status);
    }

    [Fact]
    public async Task An_injected_fault_answers_the_next_call_only()
    {
        _server.InjectFault("getblockcount", SimFault.RpcError(-99, "boom"));

        var (status, body) = await _rpc.PostAsync("getblockcount");

        Assert.Equal(500, status);
        Assert.Equal(-99, (int)body!["error"]!["code"]!);
        Assert.Equal(101, (int)(await _rpc.CallAsync("getblockcount"))!);
    }
}

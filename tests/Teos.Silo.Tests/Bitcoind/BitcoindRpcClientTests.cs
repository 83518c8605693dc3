using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Server;
using Teos.Grains.Chain;
using Xunit;

namespace Teos.Silo.Tests.Bitcoind;

public sealed class BitcoindRpcClientTests : IAsyncLifetime
{
    private SimulatedBitcoind _bitcoind = null!;
    private IBitcoinNode _node = null!;

    public async Task InitializeAsync()
    {
        _bitcoind = await SimulatedBitcoind.StartAsync();
        _node = _bitcoind.Client();
    }

    public async Task DisposeAsync() => await _bitcoind.DisposeAsync();

    [Fact]
    public async Task Sendrawtransaction_returns_the_txid_of_a_new_transaction()
    {
        var tx = SimTransactions.Funded();

        Assert.Equal(tx.GetHash(), await _node.SendRawTransactionAsync(tx.ToBytes(), default));
    }

    [Fact]
    public async Task Sendrawtransaction_succeeds_for_a_transaction_already_in_the_mempool()
    {
        var tx = SimTransactions.Funded();
        await _node.SendRawTransactionAsync(tx.ToBytes(), default);

        Assert.Equal(tx.GetHash(), await _node.SendRawTransactionAsync(tx.ToBytes(), default));
    }

    [Fact]
    public async Task Sendrawtransaction_conflicting_with_the_mempool_fails_with_minus_26()
    {
        var outPoint = new OutPoint(SimTransactions.Funded().GetHash(), 0);
        await _node.SendRawTransactionAsync(SimTransactions.Spending(outPoint).ToBytes(), default);

        var error = await SendExpectingErrorAsync(SimTransactions.Spending(outPoint));

        Assert.Equal(RpcErrorCode.VerifyRejected, error.Code);
        Assert.Equal("txn-mempool-conflict", error.RpcMessage);
    }

    [Fact]
    public async Task Sendrawtransaction_spending_a_spent_input_fails_with_minus_25()
    {
        var parent = SimTransactions.Funded();
        _bitcoind.Chain.Mine(1, [parent, SimTransactions.Spending(new OutPoint(parent.GetHash(), 0))]);

        var error = await SendExpectingErrorAsync(SimTransactions.Spending(new OutPoint(parent.GetHash(), 0)));

        Assert.Equal(RpcErrorCode.VerifyError, error.Code);
        Assert.Equal("bad-txns-inputs-missingorspent", error.RpcMessage);
    }

    [Fact]
    public async Task Sendrawtransaction_of_a_confirmed_transaction_fails_with_minus_27()
    {
        var tx = SimTransactions.Funded();
        _bitcoind.Chain.Mine(1, [tx]);

        var error = await SendExpectingErrorAsync(tx);

        Assert.Equal(RpcErrorCode.VerifyAlreadyInChain, error.Code);
    }

    [Fact]
    public async Task Sendrawtransaction_of_undecodable_bytes_fails_with_minus_22()
    {
        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.SendRawTransactionAsync(new byte[] { 1, 2, 3 }, default));

        Assert.Equal(RpcErrorCode.DeserializationError, error.Code);
    }

    [Fact]
    public async Task Sendrawtransaction_passes_any_other_rpc_error_code_through_for_the_carrier_to_map()
    {
        _bitcoind.Server.InjectFault("sendrawtransaction", SimFault.RpcError(-4, "Fee exceeds maximum configured by user"));

        var error = await SendExpectingErrorAsync(SimTransactions.Funded());

        Assert.Equal(-4, error.Code);
        Assert.Equal("sendrawtransaction", error.Method);
    }

    /// <summary>Replies no bitcoind sends: not JSON, not JSON-RPC, a result of the wrong type.</summary>
    public static TheoryData<int, string> UnparsableReplies => new()
    {
        { 200, "this is not json" },
        { 500, "<html>Internal error</html>" },
        { 200, "{\"id\":1}" },
        { 200, "{\"result\":42,\"error\":null,\"id\":1}" },
    };

    [Theory]
    [MemberData(nameof(UnparsableReplies))]
    public async Task An_unparsable_reply_is_a_reply_failure_not_an_rpc_error(int status, string body)
    {
        _bitcoind.Server.InjectFault("sendrawtransaction", new SimFault(status, body));

        await Assert.ThrowsAsync<BitcoindReplyException>(() => _node.SendRawTransactionAsync(SimTransactions.Funded().ToBytes(), default));
    }

    /// <summary>getblock is the one call made beside NBitcoin's RPCClient (RawBlockCall); its failures map the same way.</summary>
    [Theory]
    [MemberData(nameof(UnparsableReplies))]
    [InlineData(200, "{\"result\":\"00\",\"error\":null,\"id\":1}")]
    public async Task A_getblock_reply_that_is_not_bitcoinds_is_a_reply_failure(int status, string body)
    {
        _bitcoind.Server.InjectFault("getblock", new SimFault(status, body));

        await Assert.ThrowsAsync<BitcoindReplyException>(() => _node.GetBlockAsync(_bitcoind.Chain.Tip.Hash, default));
    }

    [Fact]
    public async Task Getblock_errors_carry_bitcoinds_codes_and_a_warming_up_bitcoind_is_retried()
    {
        var unknown = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.GetBlockAsync(SimTransactions.Funded().GetHash(), default));
        _bitcoind.Server.InjectFault("getblock", SimFault.RpcError(RpcErrorCode.InWarmup, "Loading block index..."));

        var block = await _node.GetBlockAsync(_bitcoind.Chain.Tip.Hash, default);

        Assert.Equal((RpcErrorCode.InvalidAddressOrKey, "getblock"), (unknown.Code, unknown.Method));
        Assert.Equal(_bitcoind.Chain.Tip.Hash, block.GetHash());
    }

    [Fact]
    public async Task A_stopped_bitcoind_is_reported_unreachable_after_the_retry_budget()
    {
        await _bitcoind.Server.StopListeningAsync();

        var error = await Assert.ThrowsAsync<BitcoindUnreachableException>(() => _node.SendRawTransactionAsync(SimTransactions.Funded().ToBytes(), default));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_outage_is_bridged_by_retries()
    {
        var node = _bitcoind.Client(options => options.RetryBudget = TimeSpan.FromSeconds(10));
        await _bitcoind.Server.StopListeningAsync();

        var call = node.GetBlockCountAsync(default);
        await Task.Delay(300);
        await _bitcoind.Server.StartListeningAsync();

        Assert.Equal(101, await call);
    }

    /// <summary>HTTP 503 (work queue full) counts as unreachable at once (spec 4.8); NBitcoin alone would wait inside the call.</summary>
    [Fact]
    public async Task A_busy_bitcoind_is_unreachable_at_once_and_retried_by_the_tower()
    {
        var noRetries = _bitcoind.Client(options => options.RetryBudget = TimeSpan.Zero);
        _bitcoind.Server.InjectFault("getblockcount", new SimFault(503, "Work queue depth exceeded"));

        var error = await Assert.ThrowsAsync<BitcoindUnreachableException>(() => noRetries.GetBlockCountAsync(default));
        _bitcoind.Server.InjectFault("getblockcount", new SimFault(503, "Work queue depth exceeded"));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.False(noRetries.IsReachable);
        Assert.Equal(101, await _node.GetBlockCountAsync(default));
    }

    [Fact]
    public async Task A_warming_up_bitcoind_is_retried()
    {
        _bitcoind.Server.InjectFault("getblockcount", SimFault.RpcError(RpcErrorCode.InWarmup, "Loading block index..."));

        Assert.Equal(101, await _node.GetBlockCountAsync(default));
    }

    [Fact]
    public async Task A_cancelled_call_stops_retrying()
    {
        var node = _bitcoind.Client(options => options.RetryBudget = TimeSpan.FromMinutes(1));
        await _bitcoind.Server.StopListeningAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.GetBlockCountAsync(cancel.Token));
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_failure()
    {
        var node = _bitcoind.Client(options => options.RpcPassword = "wrong");

        var error = await Assert.ThrowsAsync<BitcoindAuthenticationException>(() => node.GetBlockCountAsync(default));

        Assert.Contains("btc_rpc_user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Getrawtransaction_tells_mempool_from_confirmed_and_fails_with_minus_5_when_unknown()
    {
        var pending = SimTransactions.Funded();
        var mined = SimTransactions.Funded();
        _bitcoind.Chain.Mine(3, [mined]);
        await _node.SendRawTransactionAsync(pending.ToBytes(), default);

        var inMempool = await _node.GetRawTransactionAsync(pending.GetHash(), default);
        var confirmed = await _node.GetRawTransactionAsync(mined.GetHash(), default);
        var unknown = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.GetRawTransactionAsync(SimTransactions.Funded().GetHash(), default));

        Assert.True(inMempool.InMempool);
        Assert.Equal(pending.ToBytes(), inMempool.Raw);
        Assert.False(confirmed.InMempool);
        Assert.Equal(3, confirmed.Confirmations);
        Assert.Equal(_bitcoind.Chain.BlockAt(102)!.Hash, confirmed.BlockHash);
        Assert.Equal(RpcErrorCode.InvalidAddressOrKey, unknown.Code);
    }

    [Fact]
    public async Task Chain_queries_return_typed_results()
    {
        var tx = SimTransactions.Funded();
        _bitcoind.Chain.Mine(1, [tx]);
        var tip = _bitcoind.Chain.Tip;

        var info = await _node.GetBlockchainInfoAsync(default);
        var header = await _node.GetBlockHeaderAsync(tip.Hash, default);
        var genesis = await _node.GetBlockHeaderAsync(await _node.GetBlockHashAsync(0, default), default);
        var block = await _node.GetBlockAsync(tip.Hash, default);

        Assert.Equal(("regtest", 102, tip.Hash, (int?)null), (info.Chain, info.Blocks, info.BestBlockHash, info.PruneHeight));
        Assert.Equal(tip.ChainWork, info.ChainWork);
        Assert.Equal(102, await _node.GetBlockCountAsync(default));
        Assert.Equal(tip.Hash, await _node.GetBestBlockHashAsync(default));
        Assert.Equal((102, _bitcoind.Chain.BlockAt(101)!.Hash, 1), (header.Height, header.PreviousBlockHash!, header.Confirmations));
        Assert.Null(genesis.PreviousBlockHash);
        Assert.Equal(tx.GetHash(), block.Transactions[1].GetHash());
    }

    [Fact]
    public async Task Unknown_heights_and_hashes_fail_with_bitcoinds_codes()
    {
        var height = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.GetBlockHashAsync(1000, default));
        var hash = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.GetBlockHeaderAsync(SimTransactions.Funded().GetHash(), default));

        Assert.Equal(RpcErrorCode.InvalidParameter, height.Code);
        Assert.Equal(RpcErrorCode.InvalidAddressOrKey, hash.Code);
    }

    [Fact]
    public async Task A_pruned_block_fails_with_minus_1_and_the_prune_height_is_reported()
    {
        _bitcoind.Chain.Prune(50);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.GetBlockAsync(_bitcoind.Chain.BlockAt(10)!.Hash, default));

        Assert.Equal(RpcErrorCode.MiscError, error.Code);
        Assert.Equal(50, (await _node.GetBlockchainInfoAsync(default)).PruneHeight);
    }

    private async Task<BitcoinRpcException> SendExpectingErrorAsync(Transaction transaction) =>
        await Assert.ThrowsAsync<BitcoinRpcException>(() => _node.SendRawTransactionAsync(transaction.ToBytes(), default));
}

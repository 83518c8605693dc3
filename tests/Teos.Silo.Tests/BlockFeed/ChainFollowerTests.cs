using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.Grains.BlockFeed;
using Teos.Silo.Tests.Bitcoind;
using Xunit;
using static Teos.Silo.Tests.BlockFeed.RecordingBlockListener;

namespace Teos.Silo.Tests.BlockFeed;

/// <summary>The chain follower against the bitcoind simulator, over real JSON-RPC on loopback.</summary>
public sealed class ChainFollowerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private SimulatedBitcoind _bitcoind = null!;

    private RegtestChain Chain => _bitcoind.Chain;

    public async Task InitializeAsync() => _bitcoind = await SimulatedBitcoind.StartAsync();

    public async Task DisposeAsync() => await _bitcoind.DisposeAsync();

    [Fact]
    public async Task Blocks_mined_one_after_another_are_connected_in_order()
    {
        var (follower, listener) = await StartAtTipAsync();
        var mined = Chain.Mine(5);

        var delivered = await follower.SyncAsync(default);

        Assert.Equal(5, delivered);
        Assert.Equal(mined.Select((hash, i) => Connected(102 + i, hash)), listener.Events);
        Assert.Equal(Chain.Tip.Hash, follower.Tip!.Hash);
    }

    [Fact]
    public async Task Nothing_is_emitted_while_the_tip_does_not_move()
    {
        var (follower, listener) = await StartAtTipAsync();

        Assert.Equal(0, await follower.SyncAsync(default));
        Assert.Empty(listener.Events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task A_reorg_disconnects_newest_first_down_to_the_fork_then_connects_the_new_branch(int depth)
    {
        var (follower, listener) = await StartAtTipAsync();
        Chain.Mine(12);
        await follower.SyncAsync(default);
        listener.Events.Clear();
        var stale = Enumerable.Range(114 - depth, depth).Select(height => Chain.BlockAt(height)!.Hash).ToList();

        var replacement = Chain.Reorg(depth, depth + 1);
        await follower.SyncAsync(default);

        var expected = stale.Select((hash, i) => Disconnected(114 - depth + i, hash)).Reverse()
            .Concat(replacement.Select((hash, i) => Connected(114 - depth + i, hash)));
        Assert.Equal(expected, listener.Events);
        Assert.Equal(ActiveChainFrom(101), listener.Chain);
    }

    [Fact]
    public async Task A_reorg_to_a_shorter_branch_follows_bitcoinds_choice()
    {
        var (follower, listener) = await StartAtTipAsync();
        Chain.Mine(5);
        await follower.SyncAsync(default);

        Chain.Reorg(depth: 3, newBlocks: 1);
        await follower.SyncAsync(default);

        Assert.Equal(ActiveChainFrom(101), listener.Chain);
        Assert.Equal(104, follower.Tip!.Height);
    }

    [Fact]
    public async Task Reorgs_that_pile_up_between_polls_are_handled_in_one_switch()
    {
        var (follower, listener) = await StartAtTipAsync();
        Chain.Mine(10);
        await follower.SyncAsync(default);
        listener.Events.Clear();

        Chain.Reorg(depth: 2, newBlocks: 3);
        Chain.Reorg(depth: 6, newBlocks: 7);
        await follower.SyncAsync(default);

        // Tip 111; the second reorg forks at 106, below the first one's fork (109): 111..107 leave.
        Assert.Equal(5, listener.Events.Count(e => e.StartsWith('-')));
        Assert.Equal(ActiveChainFrom(101), listener.Chain);
    }

    [Fact]
    public async Task Blocks_mined_while_bitcoind_is_unreachable_are_all_delivered_once_it_is_back()
    {
        var (follower, listener) = await StartAtTipAsync();
        using var stop = new CancellationTokenSource();
        var running = follower.RunAsync(stop.Token);

        await _bitcoind.Server.StopListeningAsync();
        var whileDown = Chain.Mine(4);
        await WaitUntilAsync(() => !follower.IsBitcoindReachable);
        Chain.Reorg(depth: 1, newBlocks: 2);
        await _bitcoind.Server.StartListeningAsync();

        await listener.WaitForTipAsync(Chain.Tip.Hash, Patience);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(follower.IsBitcoindReachable);
        Assert.Equal(ActiveChainFrom(101), listener.Chain);
        Assert.Equal(whileDown.Take(3), listener.Chain.Skip(1).Take(3));
    }

    [Fact]
    public async Task Following_survives_a_cookie_rotation()
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(useCookie: true);
        var (follower, listener) = await StartAtTipAsync(bitcoind);
        bitcoind.Chain.Mine(2);
        await follower.SyncAsync(default);

        bitcoind.Server.RotateCookie();
        bitcoind.Chain.Mine(3);
        await follower.SyncAsync(default);

        Assert.Equal(5, listener.Events.Count);
        Assert.Equal(bitcoind.Chain.Tip.Hash, listener.Tip);
    }

    [Fact]
    public async Task After_a_restart_it_resumes_from_the_last_processed_block()
    {
        var lastProcessed = Chain.BlockAt(90)!.Hash;
        var (follower, listener) = await StartAsync(lastProcessed);

        await follower.SyncAsync(default);

        Assert.Equal(Enumerable.Range(91, 11).Select(height => Connected(height, Chain.BlockAt(height)!.Hash)), listener.Events);
    }

    [Fact]
    public async Task After_a_restart_it_resumes_from_a_block_that_was_reorged_out_meanwhile()
    {
        var (before, _) = await StartAtTipAsync();
        Chain.Mine(5);
        await before.SyncAsync(default);
        var lastProcessed = before.Tip!;
        var stale = Enumerable.Range(104, 3).Select(height => Chain.BlockAt(height)!.Hash).ToList();

        // The tower is down: a 3-block reorg happens.
        var replacement = Chain.Reorg(depth: 3, newBlocks: 4);
        var (after, listener) = await StartAsync(lastProcessed.Hash);
        await after.SyncAsync(default);

        var expected = stale.Select((hash, i) => Disconnected(104 + i, hash)).Reverse()
            .Concat(replacement.Select((hash, i) => Connected(104 + i, hash)));
        Assert.Equal(expected, listener.Events);
    }

    [Fact]
    public async Task A_needed_block_pruned_by_bitcoind_stops_the_follower_loudly()
    {
        var (follower, listener) = await StartAtTipAsync();
        Chain.Mine(10);
        Chain.Prune(105);

        var error = await Assert.ThrowsAsync<BlockUnavailableException>(() => follower.RunAsync(default));

        Assert.Equal(102, error.Height);
        Assert.Contains("pruned", error.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Events);
        Assert.Equal(101, follower.Tip!.Height);
    }

    [Fact]
    public async Task A_reorg_deeper_than_the_limit_stops_the_follower()
    {
        var (follower, listener) = await StartAtTipAsync(maxReorgDepth: 5);
        Chain.Mine(10);
        await follower.SyncAsync(default);
        listener.Events.Clear();

        Chain.Reorg(depth: 7, newBlocks: 8);

        await Assert.ThrowsAsync<ReorgTooDeepException>(() => follower.SyncAsync(default));
        Assert.Empty(listener.Events);
    }

    [Fact]
    public async Task A_listener_failure_does_not_advance_the_follower_and_the_block_comes_again()
    {
        var (follower, listener) = await StartAtTipAsync();
        var mined = Chain.Mine(3);
        listener.FailOnceAtHeight = 103;

        await Assert.ThrowsAsync<InvalidOperationException>(() => follower.SyncAsync(default));
        Assert.Equal(mined[0], follower.Tip!.Hash);
        await follower.SyncAsync(default);

        Assert.Equal(mined.Select((hash, i) => Connected(102 + i, hash)), listener.Events);
    }

    [Fact]
    public async Task Random_mining_and_reorgs_always_leave_the_listener_on_bitcoinds_chain()
    {
        var (follower, listener) = await StartAtTipAsync();
        var random = new Random(20240601);
        for (var step = 0; step < 60; step++)
        {
            if (random.Next(3) == 0)
                Chain.Reorg(depth: random.Next(1, 8), newBlocks: random.Next(0, 9));
            else
                Chain.Mine(random.Next(1, 4));
            if (random.Next(2) == 0)
                await follower.SyncAsync(default);
        }

        await follower.SyncAsync(default);

        Assert.Equal(Chain.Tip.Hash, listener.Tip);
        Assert.Equal(ActiveChainFrom(Chain.Height - listener.Chain.Count + 1), listener.Chain);
    }

    [Fact]
    public async Task Catching_up_many_blocks_delivers_each_once_in_order()
    {
        var (follower, listener) = await StartAtTipAsync();
        Chain.Mine(300);

        Assert.Equal(300, await follower.SyncAsync(default));

        Assert.Equal(ActiveChainFrom(101), listener.Chain);
    }

    [Fact]
    public async Task Catching_up_logs_blocks_done_out_of_total_and_the_rate()
    {
        var logger = new CapturingLogger<ChainFollower>();
        var listener = new RecordingBlockListener(Chain.Tip.Hash);
        var options = Options.Create(new BlockFeedOptions { ProgressLogInterval = TimeSpan.FromTicks(1) });
        var follower = new ChainFollower(_bitcoind.Client(), listener, options, logger);
        await follower.StartAsync(null, default);
        Chain.Mine(20);

        await follower.SyncAsync(default);

        Assert.Contains(logger.Entries, entry => entry.Message.StartsWith("Catching up: 1/20 blocks done", StringComparison.Ordinal) && entry.Message.Contains("blocks/s", StringComparison.Ordinal) && entry.Message.EndsWith(" left", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, entry => entry.Message.StartsWith("Caught up 20 blocks to height 121", StringComparison.Ordinal));
    }

    private async Task<(ChainFollower Follower, RecordingBlockListener Listener)> StartAtTipAsync(int maxReorgDepth = 100) =>
        await StartAsync(_bitcoind, null, maxReorgDepth);

    private static async Task<(ChainFollower Follower, RecordingBlockListener Listener)> StartAtTipAsync(SimulatedBitcoind bitcoind) =>
        await StartAsync(bitcoind, null, 100);

    private async Task<(ChainFollower Follower, RecordingBlockListener Listener)> StartAsync(uint256 lastProcessed) =>
        await StartAsync(_bitcoind, lastProcessed, 100);

    private static async Task<(ChainFollower Follower, RecordingBlockListener Listener)> StartAsync(SimulatedBitcoind bitcoind, uint256? lastProcessed, int maxReorgDepth)
    {
        var start = lastProcessed ?? bitcoind.Chain.Tip.Hash;
        var listener = new RecordingBlockListener(start);
        var options = Options.Create(new BlockFeedOptions { PollingInterval = TimeSpan.FromMilliseconds(100), MaxReorgDepth = maxReorgDepth });
        var follower = new ChainFollower(bitcoind.Client(), listener, options, NullLogger<ChainFollower>.Instance);
        await follower.StartAsync(lastProcessed, default);
        return (follower, listener);
    }

    private List<uint256> ActiveChainFrom(int height) =>
        [.. Enumerable.Range(height, Chain.Height - height + 1).Select(h => Chain.BlockAt(h)!.Hash)];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Condition not met in time");
            await Task.Delay(20);
        }
    }
}

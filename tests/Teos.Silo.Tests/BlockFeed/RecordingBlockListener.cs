using NBitcoin;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Xunit;

namespace Teos.Silo.Tests.BlockFeed;

/// <summary>
/// Records the feed's events and checks the listener contract as they arrive: each connected block extends the
/// listener's chain and is not already on it; each disconnected block is the listener's tip.
/// </summary>
internal sealed class RecordingBlockListener : IBlockListener
{
    private readonly List<uint256> _chain = [];
    private readonly Lock _gate = new();

    public RecordingBlockListener(uint256 start) => _chain.Add(start);

    public List<string> Events { get; } = [];

    /// <summary>When set, BlockConnected throws for the block at this height (once), like a failed commit.</summary>
    public int? FailOnceAtHeight { get; set; }

    public uint256 Tip
    {
        get { lock (_gate) return _chain[^1]; }
    }

    public IReadOnlyList<uint256> Chain
    {
        get { lock (_gate) return [.. _chain]; }
    }

    public static string Connected(int height, uint256 hash) => $"+{height}:{hash}";

    public static string Disconnected(int height, uint256 hash) => $"-{height}:{hash}";

    public Task BlockConnectedAsync(Block block, int height, CancellationToken cancellationToken)
    {
        if (FailOnceAtHeight == height)
        {
            FailOnceAtHeight = null;
            throw new InvalidOperationException("commit failed");
        }

        lock (_gate)
        {
            Assert.Equal(_chain[^1], block.Header.HashPrevBlock);
            Assert.DoesNotContain(block.GetHash(), _chain);
            _chain.Add(block.GetHash());
            Events.Add(Connected(height, block.GetHash()));
        }

        return Task.CompletedTask;
    }

    public Task BlockDisconnectedAsync(ChainLink block, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Assert.Equal(_chain[^1], block.Hash);
            _chain.RemoveAt(_chain.Count - 1);
            Assert.Equal(_chain.Count == 0 ? block.PreviousHash : _chain[^1], block.PreviousHash);
            if (_chain.Count == 0)
                _chain.Add(block.PreviousHash!);
            Events.Add(Disconnected(block.Height, block.Hash));
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits (bounded) until the listener has reached <paramref name="hash"/>.</summary>
    public async Task WaitForTipAsync(uint256 hash, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Tip != hash)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Listener at {Tip}, expected {hash}");
            await Task.Delay(20);
        }
    }
}

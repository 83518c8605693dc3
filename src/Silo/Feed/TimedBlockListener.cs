using System.Diagnostics;
using NBitcoin;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Tower;


namespace Teos.Silo.Feed;

/// <summary>Hands each block to the block processor and records how long it took (teos_block_processing_duration_seconds).</summary>
public sealed class TimedBlockListener(BlockProcessor processor, TowerMetrics metrics) : IBlockListener
{
    public async Task BlockConnectedAsync(Block block, int height, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await processor.BlockConnectedAsync(block, height, cancellationToken);
        metrics.BlockProcessed(Stopwatch.GetElapsedTime(started));
    }

    public Task BlockDisconnectedAsync(ChainLink block, CancellationToken cancellationToken) =>
        processor.BlockDisconnectedAsync(block, cancellationToken);
}

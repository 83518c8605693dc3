using Teos.Grains.BlockFeed;

namespace Teos.Grains.Chain;

/// <summary>
/// The stale-chain rule. An appointment receipt signs the tower's tip as start_block, so while the tower cannot
/// tell that its tip is bitcoind's, add_appointment answers 503 instead of signing a stale start_block, and
/// readiness is false. The view is stale when no bitcoind call succeeded for <see cref="MaxSilence"/>, or when the
/// tower's tip is <see cref="MaxLag"/> or more blocks behind bitcoind's best block (also while catching up after a
/// start, and before either is known). One block behind is normal between a block's arrival and the next poll.
/// </summary>
/// <remarks>
/// Fed by whoever talks to bitcoind (<see cref="BitcoindAnswered"/>); the tower's tip is this silo's copy of the
/// block feed's (<see cref="ChainTipCache"/>), pushed after every block.
/// </remarks>
public sealed class ChainView(ChainTipCache chain, TimeProvider time) : IChainView
{
    /// <summary>Longest time without a successful bitcoind call before the view is stale.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromSeconds(10);

    /// <summary>Blocks behind bitcoind's best block at which the view is stale.</summary>
    public const int MaxLag = 2;

    // Replaced whole, so a reader never sees one reading's time with another's height.
    private volatile Readings _readings = new(null, 0);

    /// <summary>A bitcoind call succeeded just now; <paramref name="bestHeight"/> is its best block's height.</summary>
    public void BitcoindAnswered(int bestHeight) =>
        Update(readings => readings with { BitcoindAnsweredAt = time.GetTimestamp(), BitcoindHeight = bestHeight });

    public ValueTask<ChainFreshness> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Judge());

    /// <summary>The rule, on the readings as they are now.</summary>
    public ChainFreshness Judge()
    {
        var readings = _readings;
        var tip = chain.Current;
        return Judge(Silence(readings), readings.BitcoindHeight, tip.IsKnown ? tip.Height : null);
    }

    /// <summary>The rule itself.</summary>
    /// <param name="silence">Time since bitcoind last answered; null when it never has.</param>
    /// <param name="towerHeight">The tower's tip; null when it has none yet.</param>
    public static ChainFreshness Judge(TimeSpan? silence, int bitcoindHeight, uint? towerHeight)
    {
        if (silence is not { } quiet)
            return ChainFreshness.Stale("bitcoind has not answered yet");
        if (quiet >= MaxSilence)
            return ChainFreshness.Stale($"no bitcoind call succeeded for {quiet.TotalSeconds:F0} s");
        if (towerHeight is not { } tower)
            return ChainFreshness.Stale("the tower has not processed a block yet");
        if (bitcoindHeight - (long)tower >= MaxLag)
            return ChainFreshness.Stale($"the tower's tip {tower} is {bitcoindHeight - (long)tower} blocks behind bitcoind's {bitcoindHeight}");
        return ChainFreshness.Fresh;
    }

    private TimeSpan? Silence(Readings readings) =>
        readings.BitcoindAnsweredAt is { } at ? time.GetElapsedTime(at) : null;

    private void Update(Func<Readings, Readings> change)
    {
        while (true)
        {
            var seen = _readings;
            if (Interlocked.CompareExchange(ref _readings, change(seen), seen) == seen)
                return;
        }
    }

    private sealed record Readings(long? BitcoindAnsweredAt, int BitcoindHeight);
}

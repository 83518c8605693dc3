using Teos.Grains.Store;

namespace Teos.Grains.Chain;

/// <summary>
/// The stale-chain rule. An appointment receipt signs the tower's tip as start_block, so while the tower cannot
/// tell that its tip is bitcoind's, add_appointment answers 503 instead of signing a stale start_block, and
/// readiness is false. The view is stale when no bitcoind call succeeded for <see cref="MaxSilence"/>, or when the
/// tower's tip is <see cref="MaxLag"/> or more blocks behind bitcoind's best block (also while catching up after a
/// start, and before either is known). One block behind is normal between a block's arrival and the next poll.
/// </summary>
/// <remarks>
/// Fed by whoever talks to bitcoind (<see cref="BitcoindAnswered"/>) and whoever sees the tower's tip move
/// (<see cref="TowerReached"/>). A tip reading can lag the store by one feed interval, so a "behind" verdict is
/// checked once more against the stored tip before it is believed.
/// </remarks>
public sealed class ChainView(ITowerStore store, TimeProvider time) : IChainView
{
    /// <summary>Longest time without a successful bitcoind call before the view is stale.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromSeconds(10);

    /// <summary>Blocks behind bitcoind's best block at which the view is stale.</summary>
    public const int MaxLag = 2;

    // Replaced whole, so a reader never sees one reading's time with another's height.
    private volatile Readings _readings = new(null, 0, null);

    /// <summary>A bitcoind call succeeded just now; <paramref name="bestHeight"/> is its best block's height.</summary>
    public void BitcoindAnswered(int bestHeight) =>
        Update(readings => readings with { BitcoindAnsweredAt = time.GetTimestamp(), BitcoindHeight = bestHeight });

    /// <summary>The tower's tip (the last block whose processing committed) is at <paramref name="height"/>.</summary>
    public void TowerReached(uint height) => Update(readings => readings with { TowerHeight = height });

    public async ValueTask<ChainFreshness> CheckAsync(CancellationToken cancellationToken)
    {
        var readings = _readings;
        var silence = Silence(readings);
        var verdict = Judge(silence, readings.BitcoindHeight, readings.TowerHeight);
        // Only a lag is worth a second look: had the tower been at bitcoind's height, would the view be fresh?
        if (verdict.IsFresh || !Judge(silence, readings.BitcoindHeight, (uint)Math.Max(readings.BitcoindHeight, 0)).IsFresh)
            return verdict;

        var tip = await store.GetTipAsync(cancellationToken).ConfigureAwait(false);
        if (tip is not null)
            TowerReached(tip.Height);
        return Judge();
    }

    /// <summary>The rule, on the readings as they are now.</summary>
    public ChainFreshness Judge()
    {
        var readings = _readings;
        return Judge(Silence(readings), readings.BitcoindHeight, readings.TowerHeight);
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

    private sealed record Readings(long? BitcoindAnsweredAt, int BitcoindHeight, uint? TowerHeight);
}

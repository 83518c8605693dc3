using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using NBitcoin;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Xunit;

namespace Teos.Grains.Tests.Chain;

/// <summary>The stale-chain rule: add_appointment answers 503 and readiness is false while the view is stale.</summary>
public sealed class ChainViewTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_view_is_fresh_when_bitcoind_just_answered_and_the_tower_is_at_its_tip()
    {
        Assert.True(ChainView.Judge(TimeSpan.FromSeconds(1), bitcoindHeight: 200, towerHeight: 200).IsFresh);
    }

    [Fact]
    public void One_block_behind_bitcoind_is_still_fresh()
    {
        Assert.True(ChainView.Judge(TimeSpan.Zero, bitcoindHeight: 201, towerHeight: 200).IsFresh);
    }

    [Fact]
    public void Two_or_more_blocks_behind_bitcoind_is_stale()
    {
        var verdict = ChainView.Judge(TimeSpan.Zero, bitcoindHeight: 202, towerHeight: 200);

        Assert.False(verdict.IsFresh);
        Assert.Equal("the tower's tip 200 is 2 blocks behind bitcoind's 202", verdict.Reason);
        Assert.False(ChainView.Judge(TimeSpan.Zero, bitcoindHeight: 900, towerHeight: 200).IsFresh);
    }

    [Fact]
    public void No_bitcoind_answer_for_10_s_is_stale()
    {
        Assert.True(ChainView.Judge(TimeSpan.FromSeconds(9.9), 200, 200).IsFresh);
        Assert.False(ChainView.Judge(ChainView.MaxSilence, 200, 200).IsFresh);
        Assert.Equal(TimeSpan.FromSeconds(10), ChainView.MaxSilence);
    }

    [Fact]
    public void Before_bitcoind_first_answers_or_the_tower_has_a_tip_the_view_is_stale()
    {
        Assert.False(ChainView.Judge(silence: null, 200, 200).IsFresh);
        Assert.False(ChainView.Judge(TimeSpan.Zero, 200, towerHeight: null).IsFresh);
    }

    [Fact]
    public void A_tip_ahead_of_bitcoind_after_a_reorg_is_fresh()
    {
        Assert.True(ChainView.Judge(TimeSpan.Zero, bitcoindHeight: 198, towerHeight: 200).IsFresh);
    }

    [Fact]
    public async Task The_view_turns_stale_10_s_after_the_last_bitcoind_answer()
    {
        var view = new ChainView(TipStore.At(null), _time);
        view.BitcoindAnswered(300);
        view.TowerReached(300);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True((await view.CheckAsync(CancellationToken.None)).IsFresh);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await view.CheckAsync(CancellationToken.None)).IsFresh);

        view.BitcoindAnswered(300);
        Assert.True((await view.CheckAsync(CancellationToken.None)).IsFresh);
    }

    [Fact]
    public async Task A_lag_is_checked_against_the_stored_tip_before_it_is_believed()
    {
        // The tower processed blocks since the last reading of its tip: the store knows better.
        var view = new ChainView(TipStore.At(305), _time);
        view.BitcoindAnswered(305);
        view.TowerReached(300);

        Assert.False(view.Judge().IsFresh);
        Assert.True((await view.CheckAsync(CancellationToken.None)).IsFresh);
    }

    [Fact]
    public async Task A_tower_still_catching_up_stays_stale_after_the_second_look()
    {
        var view = new ChainView(TipStore.At(250), _time);
        view.BitcoindAnswered(305);

        var verdict = await view.CheckAsync(CancellationToken.None);

        Assert.False(verdict.IsFresh);
        Assert.Contains("55 blocks behind", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>An <see cref="ITowerStore"/> that only knows its tip.</summary>
    public class TipStore : DispatchProxy
    {
        private ChainTip? _tip;

        public static ITowerStore At(uint? height)
        {
            var store = Create<ITowerStore, TipStore>();
            ((TipStore)(object)store)._tip = height is { } h ? new ChainTip(uint256.Zero, h) : null;
            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(ITowerStore.GetTipAsync)
                ? Task.FromResult(_tip)
                : throw new NotSupportedException(targetMethod?.Name);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Teos.Grains.BlockFeed;
using Teos.Grains.Tests.Cluster;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

/// <summary>The feed's backstop: besides its timer and the keepers' pings, a one-minute reminder wakes it.</summary>
public sealed class FeedKeepAliveTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task The_feed_registers_its_one_minute_keep_alive_reminder()
    {
        var feed = tower.Grains.GetGrain<IBlockFeedGrain>(0);
        var reminders = tower.Silo(0).GetRequiredService<IReminderTable>();

        ReminderEntry? entry = null;
        await Wait.UntilAsync(
            async () => (entry = await reminders.ReadRow(feed.GetGrainId(), BlockFeedGrain.KeepAliveReminder)) is not null,
            "the feed's keep-alive reminder");

        Assert.Equal(TimeSpan.FromMinutes(1), entry!.Period);
        Assert.NotNull(tower.Host(feed));
    }
}

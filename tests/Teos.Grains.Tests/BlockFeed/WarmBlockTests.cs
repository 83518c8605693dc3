using Teos.Grains.Locators;
using Teos.Grains.Tests.Cluster;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

/// <summary>
/// A full block without breaches is matched by the buckets' in-memory indexes alone (DESIGN.md section 3): once every
/// bucket is active, no appointment row or locator is read from storage. Reads are counted at the ports.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WarmBlockTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task A_warm_4000_transaction_block_without_breaches_reads_no_appointment_from_storage()
    {
        await WatchAsync(users: 4, appointmentsEach: 50);
        await Task.WhenAll(Enumerable.Range(0, LocatorBucket.Count).Select(b => tower.ActivateAsync(tower.Bucket(b))));
        tower.Chain.MineSynthetic(4_000);
        await tower.WaitForTipAsync();
        var reads = tower.Reads.Snapshot();

        tower.Chain.MineSynthetic(4_000);
        await tower.WaitForTipAsync();

        Assert.Empty(tower.Reads.Since(reads).Keys.Intersect(StoreReads.OfAppointments));
        Assert.Equal(4_001, tower.Chain.Tip.Block.Transactions.Count);
    }

    private async Task WatchAsync(int users, int appointmentsEach)
    {
        for (var i = 0; i < users; i++)
        {
            var user = new ClusterUser();
            await tower.RegisterAsync(user, silo: i % 2);
            var added = await Task.WhenAll(Enumerable.Range(0, appointmentsEach).Select(_ =>
                tower.AppointmentRequests(i % 2).AddAppointmentAsync(user.Unbreached(), CancellationToken.None)));
            Assert.All(added, a => Assert.NotNull(a.Accepted));
        }
    }
}

using System.Globalization;
using NBitcoin;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Grains.Tests.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Grains.Tests.BlockFeed;

/// <summary>
/// A full block without breaches is matched by the buckets' in-memory indexes alone (DESIGN.md section 3): once every
/// bucket is active, no appointment row or locator is read from storage. Reads are counted at the ports.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WarmBlockTests(TowerCluster tower, ITestOutputHelper output) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task A_warm_4000_transaction_block_without_breaches_reads_no_appointment_from_storage()
    {
        await WatchAsync(users: 4, appointmentsEach: 50);
        await Task.WhenAll(Enumerable.Range(0, LocatorBucket.Count).Select(b =>
            tower.Grains.GetGrain<ILocatorBucketGrain>(TowerKey.Default.Scope(b.ToString(CultureInfo.InvariantCulture))).Disconnect(uint256.Zero)));
        tower.Chain.MineSynthetic(4_000);
        await tower.WaitForTipAsync();
        var reads = tower.Reads.Snapshot();

        tower.Chain.MineSynthetic(4_000);
        await tower.WaitForTipAsync();

        var made = tower.Reads.Since(reads);
        output.WriteLine(string.Join(", ", made.Select(r => $"{r.Key} {r.Value}")));
        Assert.Empty(made.Keys.Intersect(StoreReads.OfAppointments));
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

namespace Teos.Grains.Tests.Cluster;

/// <summary>Bounded polling for what the cluster does in the background.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TowerCluster.Patience);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what}");
            await Task.Delay(20);
        }
    }
}

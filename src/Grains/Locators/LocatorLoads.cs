namespace Teos.Grains.Locators;

/// <summary>
/// The locator buckets' index loads on this silo, a few at a time and off the grains' turns. After a start, the first
/// block activates every cold bucket at once: 1,024 loads started together filled the thread pool's queue, and the
/// block's own work (which a cold bucket answers from storage) waited behind all of them.
/// </summary>
public sealed class LocatorLoads : IDisposable
{
    // Half the cores (at least one): the rest is left to blocks and requests while buckets warm.
    private readonly SemaphoreSlim _running = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>Runs <paramref name="load"/> on the thread pool once a load slot is free; SQLite reads complete inline.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> load)
    {
        await _running.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(load).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();
}

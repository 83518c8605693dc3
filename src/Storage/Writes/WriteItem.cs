namespace Teos.Storage.Writes;

/// <summary>
/// One caller's work waiting for a store's writer. A cancellation that wins the race with the writer removes it
/// before it runs; one that arrives later is ignored until the batch settles. The work may run more than once
/// (PostgreSQL re-runs a rolled-back batch without the item that broke it, a deadlocked one item by item), so only
/// the result of the last run is kept, and the caller hears of it only once the commit that holds it is durable.
/// </summary>
internal abstract class WriteItem
{
    private const int Pending = 0;
    private const int Started = 1;
    private const int Canceled = 2;

    private int _state;

    protected WriteItem(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }

    /// <summary>Claims the item for a writer; false when the caller already canceled it.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Pending) == Pending;

    /// <summary>Called only once the commit holding the latest run is durable: the result may now leave.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Canceled, Pending) == Pending;
}

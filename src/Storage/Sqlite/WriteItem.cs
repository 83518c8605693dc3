using Teos.Grains.Store;

namespace Teos.Storage.Sqlite;

/// <summary>
/// One caller's work waiting for the writer. It runs at most once; a cancellation that wins the race with the
/// writer removes it before it runs, one that arrives later is ignored until the batch settles.
/// </summary>
internal abstract class WriteItem
{
    private const int Pending = 0;
    private const int Started = 1;
    private const int Canceled = 2;

    private int _state;

    protected WriteItem(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }

    /// <summary>Claims the item for the writer; false when the caller already canceled it.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Pending) == Pending;

    public abstract ValueTask ExecuteAsync(ITowerTransaction transaction);

    /// <summary>Called only after the batch's commit is durable: the result may now leave.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Canceled, Pending) == Pending;
}

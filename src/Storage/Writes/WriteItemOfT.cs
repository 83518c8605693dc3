using System.Threading.Channels;
using Teos.Grains.Store;

namespace Teos.Storage.Writes;

internal sealed class WriteItem<T> : WriteItem
{
    // Continuations run elsewhere: a writer must never execute callers' code when it completes a task.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<ITowerTransaction, CancellationToken, ValueTask<T>> _work;
    private readonly CancellationTokenRegistration _registration;
    private T? _result;

    public WriteItem(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _work = work;
        _registration = cancellationToken.Register(static state => ((WriteItem<T>)state!).OnCanceled(), this);
    }

    public Task<T> Task => _completion.Task;

    /// <summary>
    /// Puts the work on a writer's queue and returns the caller's task; a closed queue (the store is disposed)
    /// refuses it at once, naming <paramref name="store"/>.
    /// </summary>
    public static Task<T> Queue(
        ChannelWriter<WriteItem> queue, Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, string store)
    {
        if (cancellationToken.IsCancellationRequested)
            return System.Threading.Tasks.Task.FromCanceled<T>(cancellationToken);
        var item = new WriteItem<T>(work, cancellationToken);
        if (!queue.TryWrite(item))
            item.Fail(new ObjectDisposedException(store, "The store is closed"));
        return item.Task;
    }

    public override async ValueTask ExecuteAsync(ITowerTransaction transaction) =>
        _result = await _work(transaction, CancellationToken).ConfigureAwait(false);

    public override void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception)
    {
        _registration.Dispose();
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
            _completion.TrySetCanceled(CancellationToken);
        else
            _completion.TrySetException(StorageFaults.Translate(exception));
    }

    private void OnCanceled()
    {
        if (TryCancel())
            _completion.TrySetCanceled(CancellationToken);
    }
}

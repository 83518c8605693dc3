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
            _completion.TrySetException(exception);
    }

    private void OnCanceled()
    {
        if (TryCancel())
            _completion.TrySetCanceled(CancellationToken);
    }
}

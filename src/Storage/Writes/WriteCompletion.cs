using Teos.Grains.Storage;

namespace Teos.Storage.Writes;

/// <summary>
/// The caller's side of a <see cref="WriteItem"/>: its task, completed with the last run's result once durable,
/// canceled while the item still waits, failed otherwise (a fault of the machine as a
/// <see cref="StorageUnavailableException"/>: every write of every provider and port completes here).
/// </summary>
internal abstract class WriteCompletion<T> : WriteItem
{
    // Continuations run elsewhere: a writer must never execute callers' code when it completes a task.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    protected WriteCompletion(CancellationToken cancellationToken)
        : base(cancellationToken) =>
        _registration = cancellationToken.Register(static state => ((WriteCompletion<T>)state!).OnCanceled(), this);

    public Task<T> Task => _completion.Task;

    /// <summary>The result of the latest run, handed to the caller by <see cref="Complete"/>.</summary>
    protected T? Result { get; set; }

    public override void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult(Result!);
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

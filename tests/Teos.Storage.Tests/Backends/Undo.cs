namespace Teos.Storage.Tests.Backends;

/// <summary>Runs an undo step when disposed (a fault a test set up, taken away again).</summary>
public sealed class Undo(Func<Task> undo) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await undo();
}

using System.Collections.Concurrent;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Read-only connections for the store's read methods. WAL lets any number of them read beside the single
/// writer, each seeing the last committed state.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ConcurrentBag<StoreConnection> _idle = [];
    private readonly string _path;
    private readonly int _maxIdle;
    private int _idleCount;
    private bool _disposed;

    public ReaderPool(string path, int maxIdle)
    {
        _path = path;
        _maxIdle = maxIdle;
    }

    /// <summary>
    /// Runs a read on a pooled connection. Microsoft.Data.Sqlite is synchronous underneath and reads are short index
    /// lookups, so they run inline; the task is only the port's shape. A fault of the machine (the file cannot be
    /// opened or read) fails it as a <see cref="Grains.Storage.StorageUnavailableException"/>.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<StoreConnection, T> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(Read(read));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(StorageFaults.Translate(exception));
        }
    }

    public T Read<T>(Func<StoreConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = Rent();
        try
        {
            return read(connection);
        }
        finally
        {
            Return(connection);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
            connection.Dispose();
    }

    private StoreConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return StoreConnection.Open(_path, readOnly: true);
    }

    private void Return(StoreConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            if (!_disposed)
                Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        // A dispose that ran meanwhile would have missed this connection.
        if (_disposed)
            Dispose();
    }
}

using System.Buffers;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace Teos.LoadGen.Floor;

/// <summary>
/// The cheapest durable store there is, for <c>floor --durable 1</c>: one thread appends every waiting record with
/// one write, syncs the file once for the whole group and only then releases the requests. It has no index and
/// cannot be read back; it measures what durability by itself costs, next to the five B-tree inserts a tower does.
/// </summary>
internal sealed class AppendLog : IAsyncDisposable
{
    private readonly Channel<(byte[] Record, TaskCompletionSource Durable)> _waiting =
        Channel.CreateUnbounded<(byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SafeFileHandle _file;
    private readonly Task _loop;
    private long _length;
    private long _syncs;
    private long _records;

    public AppendLog(string path)
    {
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        _loop = Task.Run(RunAsync);
    }

    public long Syncs => Interlocked.Read(ref _syncs);

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Completes once the record is on disk.</summary>
    public Task AppendAsync(byte[] record)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.Writer.TryWrite((record, durable)))
            durable.SetException(new ObjectDisposedException(nameof(AppendLog)));
        return durable.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _loop;
        _file.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _waiting.Reader;
        var group = new List<TaskCompletionSource>();
        var buffer = new ArrayBufferWriter<byte>();
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                buffer.Write(item.Record);
                group.Add(item.Durable);
            }

            RandomAccess.Write(_file, buffer.WrittenSpan, _length);
            _length += buffer.WrittenCount;
            RandomAccess.FlushToDisk(_file);
            Interlocked.Increment(ref _syncs);
            Interlocked.Add(ref _records, group.Count);
            foreach (var durable in group)
                durable.SetResult();
            group.Clear();
            buffer.ResetWrittenCount();
        }
    }
}

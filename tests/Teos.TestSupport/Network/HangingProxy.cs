using System.Net;
using System.Net.Sockets;

namespace Teos.TestSupport.Network;

/// <summary>
/// A TCP relay in front of a server (the bitcoind simulator) that can be made to hang: while hanging it still
/// accepts connections and reads what clients send, but passes nothing on in either direction, as a bitcoind that
/// is stuck would. <see cref="Resume"/> lets everything through again.
/// </summary>
public sealed class HangingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Flowing();

    private HangingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static HangingProxy Start(int upstreamPort) => new(upstreamPort);

    public void Hang()
    {
        lock (_lock)
        {
            if (_flowing.Task.IsCompleted)
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Resume()
    {
        lock (_lock)
            _flowing.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Resume();
        lock (_lock)
        {
            foreach (var connection in _connections)
                connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        lock (_lock)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            await Task.WhenAny(PumpAsync(client.GetStream(), upstream.GetStream()), PumpAsync(upstream.GetStream(), client.GetStream()));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                    return;
                Task flowing;
                lock (_lock)
                    flowing = _flowing.Task;
                await flowing.WaitAsync(_stopping.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}

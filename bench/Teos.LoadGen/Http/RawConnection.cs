using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;

namespace Teos.LoadGen.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection over a plain socket: write a pre-built request, read one response (headers,
/// then Content-Length bytes). Far cheaper per request than HttpClient, so the generator leaves the shared cores to
/// the tower. Closes with RST (linger 0) so tens of thousands of fuzz connections leave no TIME_WAIT behind.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> OpenAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            LingerState = new LingerOption(true, 0),
        };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new RawConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<RawResponse> SendAsync(RawRequest request, TimeSpan timeout)
    {
        await WriteAsync(request.Bytes, timeout);
        return await ReadResponseAsync(timeout);
    }

    /// <summary>Writes raw bytes (possibly a malformed request).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cts.Token);
                bytes = bytes[sent..];
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("write timed out");
        }
    }

    /// <summary>No more bytes from this side: a server waiting for a promised body sees end of stream.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response; IOException when the server closes first, TimeoutException past the timeout.</summary>
    /// <param name="headOnly">The answer to a HEAD request: headers only, whatever Content-Length says.</param>
    public async Task<RawResponse> ReadResponseAsync(TimeSpan timeout, bool headOnly = false)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            int headerEnd;
            while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
                await FillAsync(cts.Token);

            var head = _buffer.AsSpan(_start, headerEnd);
            var status = ParseStatus(head);
            var length = headOnly ? 0 : ContentLength(head);
            _start += headerEnd + 4;
            var body = new byte[length];
            var copied = 0;
            while (copied < length)
            {
                if (_start == _end)
                    await FillAsync(cts.Token);
                var take = Math.Min(length - copied, _end - _start);
                _buffer.AsSpan(_start, take).CopyTo(body.AsSpan(copied));
                _start += take;
                copied += take;
            }

            return new RawResponse(status, body);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no response within the timeout");
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
            throw new IOException("response header too large");
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
            throw new IOException("connection closed by the server");
        _end += read;
    }

    private static int ParseStatus(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            throw new IOException("malformed status line");
        return status;
    }

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        var name = "\r\ncontent-length:"u8;
        Span<byte> lower = head.Length <= 4096 ? stackalloc byte[head.Length] : new byte[head.Length];
        for (var i = 0; i < head.Length; i++)
            lower[i] = head[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(head[i] + 32) : head[i];
        var at = lower.IndexOf(name);
        if (at < 0)
            return 0;
        var value = head[(at + name.Length)..].TrimStart((byte)' ');
        return Utf8Parser.TryParse(value, out int length, out _) ? length : throw new IOException("bad Content-Length");
    }
}

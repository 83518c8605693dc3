using System.Net.Sockets;
using System.Text;

namespace Teos.Api.Tests.Support;

/// <summary>
/// Requests written byte by byte over a socket, for framing HttpClient will not produce (no Content-Length,
/// chunked bodies, a Content-Length the body does not match).
/// </summary>
public static class RawHttp
{
    /// <param name="endRequest">Close the sending side after the body, so the server sees the request end early.</param>
    public static async Task<ApiAnswer> SendAsync(Uri baseAddress, string requestHead, string body = "", bool endRequest = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = client.GetStream();
        var request = requestHead.Replace("\n", "\r\n", StringComparison.Ordinal)
            + $"Host: {baseAddress.Authority}\r\nConnection: close\r\n\r\n" + body;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        if (endRequest)
            client.Client.Shutdown(SocketShutdown.Send);

        // Read only the answer's head and declared body: the server may reset the connection after answering a
        // request whose body it refused to read.
        var received = new List<byte>();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!IsComplete(received))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
                break;
            received.AddRange(buffer.AsSpan(0, read));
        }

        if (received.Count == 0)
            throw new IOException("the server closed the connection without answering");
        return Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    private static bool IsComplete(List<byte> received)
    {
        var text = Encoding.UTF8.GetString(received.ToArray());
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return headEnd >= 0 && text.Length - headEnd - 4 >= ContentLength(text[..headEnd].Split("\r\n"));
    }

    private static ApiAnswer Parse(string response)
    {
        var headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..headEnd].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1]);
        return new ApiAnswer(status, Header(head, "Content-Type"), response[(headEnd + 4)..]);
    }

    private static int ContentLength(string[] head) => int.TryParse(Header(head, "Content-Length"), out var length) ? length : 0;

    private static string? Header(string[] head, string name) =>
        head.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
}

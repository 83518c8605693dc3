using System.Globalization;
using System.Text;

namespace Teos.LoadGen.Http;

/// <summary>A complete HTTP/1.1 request, serialized once so sending it costs the generator no CPU beyond the write.</summary>
public sealed class RawRequest(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public static RawRequest Get(string path, int port) =>
        new(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));

    public static RawRequest PostJson(string path, int port, string json) => Post(path, port, Encoding.UTF8.GetBytes(json));

    public static RawRequest Post(string path, int port, byte[] body, string? contentType = "application/json")
    {
        var header = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        if (contentType is not null)
            header.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        return new RawRequest([.. Encoding.ASCII.GetBytes(header.ToString()), .. body]);
    }
}

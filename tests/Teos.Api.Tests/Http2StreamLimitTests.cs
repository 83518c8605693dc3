using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Teos.Api.Admin;
using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>HTTP/2 on the admin listener: the server announces its stream limit in its first SETTINGS frame.</summary>
public sealed class Http2StreamLimitTests
{
    private const ushort MaxConcurrentStreams = 0x3;

    [Fact]
    public async Task The_admin_listener_allows_16_concurrent_streams_per_connection()
    {
        await using var tower = await TowerUnderTest.StartAsync();
        var admin = tower.App.Services.GetRequiredService<ApiListeners>().AdminEndPoint!;
        using var certificate = X509Certificate2.CreateFromPemFile(
            Path.Combine(tower.DataDir, "client.pem"), Path.Combine(tower.DataDir, "client-key.pem"));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(admin);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificates = [certificate],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);

        // The client preface, then an empty SETTINGS frame (length 0, type 4, no flags, stream 0).
        await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await tls.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 });
        var settings = await ReadServerSettingsAsync(tls);

        Assert.Equal(16u, settings[MaxConcurrentStreams]);
    }

    private static async Task<Dictionary<ushort, uint>> ReadServerSettingsAsync(Stream stream)
    {
        var header = new byte[9];
        await stream.ReadExactlyAsync(header).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        Assert.Equal(4, header[3]); // the server's first frame is its SETTINGS
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload);
        var settings = new Dictionary<ushort, uint>();
        for (var at = 0; at + 6 <= length; at += 6)
            settings[BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(at))] = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(at + 2));
        return settings;
    }
}

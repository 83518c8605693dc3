using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>
/// A raw HTTPS client for the admin API: presents the given client certificate (or none) and accepts any server
/// certificate, so tests can check what the server refuses.
/// </summary>
public sealed class AdminHttp(Uri admin, X509Certificate2? clientCertificate) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        SslOptions =
        {
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        },
    })
    { BaseAddress = admin, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The client certificate teosd made in <paramref name="dataDir"/>.</summary>
    public static X509Certificate2 TowerClientCertificate(string dataDir) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(dataDir, "client.pem"), Path.Combine(dataDir, "client-key.pem"));

    public async Task<TowerResponse> PostAsync(string call, object body)
    {
        using var response = await _http.PostAsJsonAsync(call, body);
        return new TowerResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Teos.Api.Admin;
using Teos.Api.Connections;
using Teos.Silo.Configuration;

namespace Teos.Silo.Admin;

/// <summary>
/// Kestrel's two listeners: the public API in plain HTTP on api_bind:api_port, and the admin gRPC API on
/// rpc_bind:rpc_port over HTTP/2 and TLS with mandatory client certificates (spec 5.1). TLS is 1.3, or 1.2
/// with AEAD cipher suites only; clients must present a leaf certificate the tower's CA signed. Both are under
/// the silo's connection limits.
/// </summary>
public static class AdminListener
{
    /// <summary>TLS 1.3's suites and TLS 1.2's ECDHE-ECDSA AEAD suites (the server key is ECDSA P-256): no CBC, no RSA key exchange.</summary>
    private static readonly TlsCipherSuite[] AeadSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <returns>The listeners, for the admin API to tell them apart and report the bound ports.</returns>
    /// <exception cref="ArgumentException">A bind address does not resolve, or both APIs ask for the same port.</exception>
    public static ApiListeners Configure(
        IWebHostBuilder webHost, TeosdOptions teosd, AdminCertificates certificates, ConnectionLimits connectionLimits)
    {
        // The admin API recognises its connections by local port (ApiListeners.IsAdminConnection).
        if (teosd.RpcPort != 0 && teosd.RpcPort == teosd.ApiPort)
            throw new ArgumentException($"rpc_port and api_port are both {teosd.ApiPort}: the admin API needs a port of its own");
        var publicAddress = BindAddress.Resolve(teosd.ApiBind, "api_bind");
        var adminAddress = BindAddress.Resolve(teosd.RpcBind, "rpc_bind");

        var listeners = new ApiListeners();
        webHost.ConfigureKestrel(kestrel =>
        {
            connectionLimits.ApplyTo(kestrel);
            kestrel.Listen(publicAddress, teosd.ApiPort, listen =>
            {
                listeners.Public = listen;
                listen.UseConnectionLimits(connectionLimits, ListenerRole.Public);
            });
            kestrel.Listen(adminAddress, teosd.RpcPort, listen =>
            {
                listeners.Admin = listen;
                listen.Protocols = HttpProtocols.Http2;
                listen.UseConnectionLimits(connectionLimits, ListenerRole.Operator);
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificates.Server,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    CheckCertificateRevocation = false,
                    ClientCertificateValidation = (certificate, _, _) => certificates.AcceptsClient(certificate),
                    OnAuthenticate = (_, ssl) => RestrictCipherSuites(ssl),
                });
            });
        });
        return listeners;
    }

    private static void RestrictCipherSuites(SslServerAuthenticationOptions ssl)
    {
        // Cipher suite policies need OpenSSL (Linux); elsewhere the platform's TLS 1.2 defaults stand.
        if (OperatingSystem.IsLinux())
            ssl.CipherSuitesPolicy = new CipherSuitesPolicy(AeadSuites);
    }
}

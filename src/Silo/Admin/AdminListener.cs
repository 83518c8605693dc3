using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Teos.Api.Admin;
using Teos.Api.Connections;
using Teos.Silo.Configuration;

namespace Teos.Silo.Admin;

/// <summary>
/// Kestrel's two listeners: the public API in plain HTTP on api_bind:api_port and the admin API on
/// rpc_bind:rpc_port over HTTPS with mandatory client certificates (spec 5.1), both under the connection limits.
/// </summary>
public static class AdminListener
{
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
                listen.UseConnectionLimits(connectionLimits, ListenerRole.Operator);
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificates.Server,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    CheckCertificateRevocation = false,
                    ClientCertificateValidation = (certificate, _, _) => certificates.AcceptsClient(certificate),
                });
            });
        });
        return listeners;
    }
}

using Microsoft.Extensions.Configuration;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>How teosd reaches bitcoind. Keys are teosd's (spec 6.1), so teos.toml values bind directly.</summary>
public sealed class BitcoindOptions
{
    /// <summary>mainnet, testnet, signet or regtest (main and test accepted as is).</summary>
    [ConfigurationKeyName("btc_network")]
    public string Network { get; set; } = "mainnet";

    /// <summary>bitcoind host; "http://" is added when missing.</summary>
    [ConfigurationKeyName("btc_rpc_connect")]
    public string RpcConnect { get; set; } = "localhost";

    /// <summary>0 means the network's default RPC port.</summary>
    [ConfigurationKeyName("btc_rpc_port")]
    public int RpcPort { get; set; }

    [ConfigurationKeyName("btc_rpc_user")]
    public string RpcUser { get; set; } = string.Empty;

    [ConfigurationKeyName("btc_rpc_password")]
    public string RpcPassword { get; set; } = string.Empty;

    /// <summary>Path of bitcoind's .cookie file (content "user:password"); a leading ~ is the home directory.</summary>
    [ConfigurationKeyName("btc_rpc_cookie")]
    public string RpcCookie { get; set; } = string.Empty;

    /// <summary>Longest wait for one RPC answer before it counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause between attempts while bitcoind is unreachable; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one call keeps retrying before it throws <see cref="BitcoindUnreachableException"/>.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesCookie => RpcCookie.Length > 0;

    /// <summary>The normalized network name (bitcoind's getblockchaininfo.chain); valid after validation.</summary>
    public string Chain => BitcoinNetwork.TryNormalize(Network, out var chain) ? chain : throw new InvalidOperationException($"Invalid btc_network '{Network}'");

    public Uri RpcEndpoint()
    {
        var host = RpcConnect.Contains("://", StringComparison.Ordinal) ? RpcConnect : "http://" + RpcConnect;
        var builder = new UriBuilder(host);
        builder.Port = RpcPort != 0 ? RpcPort : BitcoinNetwork.DefaultRpcPort(Chain);
        return builder.Uri;
    }

    public string CookiePath() =>
        RpcCookie.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), RpcCookie[1..].TrimStart('/', '\\'))
            : RpcCookie;
}

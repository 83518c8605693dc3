using Microsoft.Extensions.Options;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>Fails fast on a bad bitcoind configuration, with teosd's messages (spec 6.1).</summary>
public sealed class BitcoindOptionsValidator : IValidateOptions<BitcoindOptions>
{
    public ValidateOptionsResult Validate(string? name, BitcoindOptions options)
    {
        var failures = new List<string>();
        if (!BitcoinNetwork.TryNormalize(options.Network, out _))
            failures.Add($"btc_network must be mainnet, testnet, signet or regtest, not '{options.Network}'");

        var hasUserPassword = options.RpcUser.Length > 0 || options.RpcPassword.Length > 0;
        if (hasUserPassword && options.UsesCookie)
            failures.Add("Multiple bitcoind auth provided: set either btc_rpc_user and btc_rpc_password, or btc_rpc_cookie");
        else if (!options.UsesCookie && (options.RpcUser.Length == 0 || options.RpcPassword.Length == 0))
            failures.Add("No valid bitcoind auth provided: set btc_rpc_user and btc_rpc_password, or btc_rpc_cookie");

        if (options.RpcPort is < 0 or > 65535)
            failures.Add($"btc_rpc_port must be between 0 and 65535, not {options.RpcPort}");
        if (options.RequestTimeout <= TimeSpan.Zero || options.RetryInitialDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryInitialDelay || options.RetryBudget < TimeSpan.Zero)
            failures.Add("bitcoind timeouts must be positive and RetryMaxDelay at least RetryInitialDelay");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace Teos.Grains.Chain;

/// <summary>The startup check that bitcoind follows the network the tower is configured for.</summary>
public static class NetworkCheck
{
    /// <param name="configuredNetwork">btc_network as configured: mainnet, main, testnet, test, signet or regtest.</param>
    /// <returns>bitcoind's chain info, which the caller usually needs next (best block, prune height).</returns>
    /// <exception cref="NetworkMismatchException">bitcoind's chain differs from the configured network.</exception>
    public static async Task<BlockchainInfo> EnsureSameNetworkAsync(IBitcoinNode node, string configuredNetwork, CancellationToken cancellationToken)
    {
        if (!BitcoinNetwork.TryNormalize(configuredNetwork, out var expected))
            throw new ArgumentException($"btc_network must be mainnet, testnet, signet or regtest, not '{configuredNetwork}'", nameof(configuredNetwork));

        var info = await node.GetBlockchainInfoAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(info.Chain, expected, StringComparison.Ordinal))
            throw new NetworkMismatchException(expected, info.Chain);
        return info;
    }
}

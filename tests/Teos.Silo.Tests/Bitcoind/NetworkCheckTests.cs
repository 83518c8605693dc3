using Teos.Grains.Chain;
using Xunit;

namespace Teos.Silo.Tests.Bitcoind;

public sealed class NetworkCheckTests
{
    [Theory]
    [InlineData("mainnet", "main")]
    [InlineData("testnet", "test")]
    [InlineData("signet", "signet")]
    public async Task A_bitcoind_on_another_network_is_refused_naming_both(string configured, string normalized)
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(initialBlocks: 0);

        var error = await Assert.ThrowsAsync<NetworkMismatchException>(() => NetworkCheck.EnsureSameNetworkAsync(bitcoind.Client(), configured, default));

        Assert.Equal((normalized, "regtest"), (error.Configured, error.BitcoindChain));
        Assert.Contains($"'{normalized}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'regtest'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bitcoind_on_the_configured_network_passes()
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(initialBlocks: 0);
        bitcoind.Chain.ChainName = "main";

        var info = await NetworkCheck.EnsureSameNetworkAsync(bitcoind.Client(), "mainnet", default);

        Assert.Equal("main", info.Chain);
    }
}

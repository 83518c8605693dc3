using Teos.Silo.Bitcoind;
using Xunit;

namespace Teos.Silo.Tests.Bitcoind;

public sealed class BitcoindOptionsValidatorTests
{
    private readonly BitcoindOptionsValidator _validator = new();

    [Fact]
    public void User_and_password_alone_are_valid() =>
        Assert.True(_validator.Validate(null, new BitcoindOptions { RpcUser = "u", RpcPassword = "p" }).Succeeded);

    [Fact]
    public void A_cookie_alone_is_valid() =>
        Assert.True(_validator.Validate(null, new BitcoindOptions { RpcCookie = "~/.bitcoin/.cookie" }).Succeeded);

    [Fact]
    public void Both_auth_methods_are_refused() =>
        Assert.Contains("Multiple bitcoind auth provided", Failure(new BitcoindOptions { RpcUser = "u", RpcPassword = "p", RpcCookie = "c" }), StringComparison.Ordinal);

    [Fact]
    public void No_auth_method_is_refused() =>
        Assert.Contains("No valid bitcoind auth provided", Failure(new BitcoindOptions { RpcUser = "u" }), StringComparison.Ordinal);

    [Fact]
    public void An_unknown_network_is_refused_naming_the_option() =>
        Assert.Contains("btc_network", Failure(new BitcoindOptions { Network = "litecoin", RpcUser = "u", RpcPassword = "p" }), StringComparison.Ordinal);

    [Theory]
    [InlineData("mainnet", 0, "http://localhost:8332/")]
    [InlineData("testnet", 0, "http://localhost:18332/")]
    [InlineData("signet", 0, "http://localhost:38332/")]
    [InlineData("regtest", 0, "http://localhost:18443/")]
    [InlineData("regtest", 1234, "http://localhost:1234/")]
    public void The_endpoint_uses_the_networks_default_port_unless_one_is_set(string network, int port, string expected) =>
        Assert.Equal(expected, new BitcoindOptions { Network = network, RpcPort = port }.RpcEndpoint().ToString());

    [Fact]
    public void An_endpoint_keeps_an_explicit_scheme() =>
        Assert.Equal("https://node.example:8332/", new BitcoindOptions { RpcConnect = "https://node.example" }.RpcEndpoint().ToString());

    private string Failure(BitcoindOptions options) => _validator.Validate(null, options).FailureMessage ?? string.Empty;
}

using Teos.Grains.Chain;
using Xunit;

namespace Teos.Silo.Tests.Bitcoind;

public sealed class BitcoindCookieTests
{
    [Fact]
    public async Task The_client_rereads_a_rotated_cookie_and_carries_on()
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(useCookie: true);
        var node = bitcoind.Client();
        Assert.Equal(101, await node.GetBlockCountAsync(default));

        bitcoind.Server.RotateCookie();

        Assert.Equal(101, await node.GetBlockCountAsync(default));
    }

    [Fact]
    public async Task Getblock_made_beside_rpcclient_also_carries_on_after_a_rotated_cookie()
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(useCookie: true);
        var node = bitcoind.Client();
        Assert.Equal(101, await node.GetBlockCountAsync(default));

        bitcoind.Server.RotateCookie();

        Assert.Equal(bitcoind.Chain.Tip.Hash, (await node.GetBlockAsync(bitcoind.Chain.Tip.Hash, default)).GetHash());
        Assert.Equal(101, await node.GetBlockCountAsync(default));
    }

    [Fact]
    public async Task A_missing_cookie_file_counts_as_unreachable_since_bitcoind_may_not_have_written_it_yet()
    {
        await using var bitcoind = await SimulatedBitcoind.StartAsync(useCookie: true);
        var node = bitcoind.Client(options => options.RpcCookie = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}", ".cookie"));

        var error = await Assert.ThrowsAsync<BitcoindUnreachableException>(() => node.GetBlockCountAsync(default));

        Assert.Contains("cookie", error.Message, StringComparison.Ordinal);
    }
}

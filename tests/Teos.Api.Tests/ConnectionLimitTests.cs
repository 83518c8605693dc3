using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Teos.Api.Admin;
using Teos.Api.Connections;
using Teos.Api.Tests.Support;
using Teos.TestSupport.Network;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>
/// The connection limits on a real silo with small caps: 12 connections in all (9 for the public listener, 3 kept
/// for the operator's), 3 per client address. Connections over a limit are closed at once.
/// </summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private TowerUnderTest _tower = null!;

    private IPEndPoint Public => new(IPAddress.Loopback, _tower.BaseAddress.Port);

    public async Task InitializeAsync() =>
        _tower = await TowerUnderTest.StartAsync("max_connections = 12", "max_connections_per_address = 3", "trusted_proxies = \"127.0.0.9\"");

    public async Task DisposeAsync() => await _tower.DisposeAsync();

    [Fact]
    public async Task One_address_holds_at_most_its_share_and_another_address_still_gets_in()
    {
        using var flood = await IdleConnections.OpenAsync(Public, 10, [LoopbackClient.Address(2)]);

        Assert.Equal(3, await flood.SettledOpenAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));
        using var other = LoopbackClient.Http(_tower.BaseAddress, LoopbackClient.Address(3));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/ping")).StatusCode);
        Assert.True(_tower.App.Services.GetRequiredService<ConnectionLimits>().Refused >= 7);
    }

    [Fact]
    public async Task The_public_listener_stops_short_of_the_cap_and_leaves_the_operators_share()
    {
        // Four addresses, three connections each: the public listener admits 12 - 3 = 9 of them.
        using var flood = await IdleConnections.OpenAsync(
            Public, 12, [LoopbackClient.Address(2), LoopbackClient.Address(3), LoopbackClient.Address(4), LoopbackClient.Address(5)]);
        Assert.Equal(9, await flood.SettledOpenAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));

        var admin = _tower.App.Services.GetRequiredService<ApiListeners>().AdminEndPoint!;
        using var operatorConnections = await IdleConnections.OpenAsync(admin, 3, [IPAddress.Loopback]);
        Assert.Equal(3, await operatorConnections.SettledOpenAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_trusted_proxy_is_not_held_to_the_per_address_limit()
    {
        using var proxied = await IdleConnections.OpenAsync(Public, 6, [LoopbackClient.Address(9)]);

        Assert.Equal(6, await proxied.SettledOpenAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Closed_connections_give_their_place_back()
    {
        using (var first = await IdleConnections.OpenAsync(Public, 3, [LoopbackClient.Address(6)]))
            Assert.Equal(3, await first.SettledOpenAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10)));

        await TowerUnderTest.WaitUntilAsync(
            () => Task.FromResult(_tower.App.Services.GetRequiredService<ConnectionLimits>().Open == 0), "the closed connections to be counted out");
        using var second = await IdleConnections.OpenAsync(Public, 3, [LoopbackClient.Address(6)]);
        Assert.Equal(3, await second.SettledOpenAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10)));
    }
}

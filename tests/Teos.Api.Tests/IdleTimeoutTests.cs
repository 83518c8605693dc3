using System.Net;
using Teos.Api.Tests.Support;
using Teos.TestSupport.Network;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Idle connections do not hold a descriptor for long: keep_alive_timeout closes them (30 s by default).</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_connection_that_never_sends_a_request_is_closed_after_the_keep_alive_timeout()
    {
        await using var tower = await TowerUnderTest.StartAsync("keep_alive_timeout = 2");
        using var idle = await IdleConnections.OpenAsync(new IPEndPoint(IPAddress.Loopback, tower.BaseAddress.Port), 5, [IPAddress.Loopback]);
        var opened = DateTime.UtcNow;

        Assert.Equal(5, idle.StillOpen());
        await TowerUnderTest.WaitUntilAsync(() => Task.FromResult(idle.StillOpen() == 0), "idle connections closed", TimeSpan.FromSeconds(10));
        // Kestrel checks timeouts once a second.
        Assert.InRange((DateTime.UtcNow - opened).TotalSeconds, 1.5, 5);
    }
}

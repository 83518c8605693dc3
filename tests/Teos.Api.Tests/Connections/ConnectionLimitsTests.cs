using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Api.Connections;
using Xunit;

namespace Teos.Api.Tests.Connections;

/// <summary>How the connection cap follows from the descriptor limit and the options.</summary>
public sealed class ConnectionLimitsTests
{
    [Theory]
    [InlineData(1024, 768, 32)]
    [InlineData(65536, 49152, 32)]
    [InlineData(64, 48, 12)]
    public void By_default_connections_may_take_75_percent_of_the_descriptor_limit(long descriptors, int cap, int reserve)
    {
        var limits = new ConnectionLimits(new ConnectionLimitOptions(), TrustedProxies.None, descriptors, () => 100, NullLogger.Instance);

        Assert.Equal(cap, limits.MaxConnections);
        Assert.Equal(reserve, ConnectionLimits.OperatorReserve(cap));
        Assert.Equal(256, limits.MaxConnectionsPerAddress);
    }

    [Fact]
    public void The_cap_shrinks_to_what_the_descriptors_held_besides_connections_leave_free()
    {
        // teosd holds some 260 descriptors of its own (assemblies, database, pipes): at a limit of 1,024, 75 % is too many.
        long inUse = 300;
        var limits = new ConnectionLimits(new ConnectionLimitOptions(), TrustedProxies.None, 1024, () => inUse, NullLogger.Instance);

        Assert.Equal(768, limits.MaxConnections);
        Assert.Equal(1024 - 300 - 102, limits.EffectiveMaxConnections);
    }

    [Fact]
    public void The_headroom_is_recounted_at_most_once_a_second()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        long inUse = 300;
        var headroom = new DescriptorHeadroom(1024, () => inUse, NullLogger.Instance, time);
        Assert.Equal(622, headroom.ConnectionsAllowed(openConnections: 0));

        inUse = 500;
        Assert.Equal(622, headroom.ConnectionsAllowed(openConnections: 200));
        time.Advance(TimeSpan.FromSeconds(1));
        // 500 open, of which 200 are connections: still 300 held besides them.
        Assert.Equal(622, headroom.ConnectionsAllowed(openConnections: 200));
        inUse = 700;
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(422, headroom.ConnectionsAllowed(openConnections: 200));
    }

    [Fact]
    public void The_margin_is_a_tenth_of_the_limit_and_at_least_64()
    {
        Assert.Equal(64, DescriptorHeadroom.Margin(256));
        Assert.Equal(102, DescriptorHeadroom.Margin(1024));
        Assert.Equal(6553, DescriptorHeadroom.Margin(65536));
    }

    [Fact]
    public void Max_connections_overrides_the_share()
    {
        var limits = new ConnectionLimits(new ConnectionLimitOptions { MaxConnections = 500 }, TrustedProxies.None, 1024, () => 100, NullLogger.Instance);

        Assert.Equal(500, limits.MaxConnections);
    }

    [Fact]
    public void Max_connections_at_or_above_the_descriptor_limit_is_refused_at_start()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ConnectionLimits(new ConnectionLimitOptions { MaxConnections = 1024 }, TrustedProxies.None, 1024, () => 100, NullLogger.Instance));

        Assert.StartsWith("max_connections (1024) must stay below the process' descriptor limit (1024)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxConnectionsPerAddress", "max_connections_per_address must be at least 1")]
    [InlineData("KeepAliveTimeout", "keep_alive_timeout must be more than 0 seconds")]
    public void Out_of_range_options_name_their_key(string property, string message)
    {
        var options = new ConnectionLimitOptions();
        if (property == "KeepAliveTimeout")
            options.KeepAliveTimeout = TimeSpan.Zero;
        else
            options.MaxConnectionsPerAddress = 0;

        Assert.Equal(message, Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void The_descriptors_in_use_are_counted()
    {
        var before = DescriptorLimit.InUse()!.Value;
        using var file = File.OpenRead(typeof(ConnectionLimitsTests).Assembly.Location);

        Assert.True(DescriptorLimit.InUse() >= before + 1);
    }

    [Fact]
    public void The_descriptor_limit_read_is_the_one_in_force()
    {
        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        Assert.Equal(soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture), DescriptorLimit.Read());
    }

    [Theory]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::")]
    public void Clients_are_counted_by_ipv4_address_and_ipv6_slash_64(string address, string key)
    {
        Assert.Equal(IPAddress.Parse(key), ClientAddress.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void Trusted_proxies_take_addresses_and_networks()
    {
        var proxies = TrustedProxies.Parse("10.1.0.0/16, 192.0.2.7 ::1");

        Assert.True(proxies.Contains(IPAddress.Parse("10.1.200.3")));
        Assert.True(proxies.Contains(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.True(proxies.Contains(IPAddress.IPv6Loopback));
        Assert.False(proxies.Contains(IPAddress.Parse("10.2.0.1")));
        Assert.False(TrustedProxies.Parse("").Contains(IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => TrustedProxies.Parse("proxy.example"));
    }
}

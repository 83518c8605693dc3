using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Xunit;

namespace Teos.Silo.Tests.Configuration;

public sealed class ListenerPortsTests
{
    [Fact]
    public void Two_listeners_on_one_port_are_refused_naming_both_keys()
    {
        var error = Assert.Throws<StartupException>(() => ListenerPorts.Validate(new TeosdOptions { ApiPort = 9000, MetricsPort = 9000 }));

        Assert.Equal("api_port and metrics_port are both 9000: each listener needs a port of its own; change --metricsport", error.Message);
    }

    [Fact]
    public void Port_zero_may_repeat_and_out_of_range_ports_are_refused()
    {
        ListenerPorts.Validate(new TeosdOptions { ApiPort = 0, RpcPort = 0, MetricsPort = 0 });

        var error = Assert.Throws<StartupException>(() => ListenerPorts.Validate(new TeosdOptions { MetricsPort = 70000 }));
        Assert.Equal("metrics_port must be between 0 and 65535, not 70000: fix --metricsport", error.Message);
    }

    [Fact]
    public void A_silo_address_must_be_an_ip_address()
    {
        ListenerPorts.Validate(new TeosdOptions { SiloAddress = "172.28.0.11" });

        var error = Assert.Throws<StartupException>(() => ListenerPorts.Validate(new TeosdOptions { SiloAddress = "silo1" }));
        Assert.Equal("silo_address must be the IP address other silos reach this one at, not 'silo1': fix --siloaddress", error.Message);
    }
}

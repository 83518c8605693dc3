using Teos.Silo.Startup;

namespace Teos.Silo.Configuration;

/// <summary>
/// The listeners' ports (public, admin, operator, and the Orleans silo and gateway ports): each in range, and
/// distinct (0 aside: any free port for the HTTP listeners, no gateway for the gateway port). The silo port must be set,
/// and the silo address, when given, be an IP address (Orleans advertises it to the other silos as it is).
/// </summary>
public static class ListenerPorts
{
    /// <exception cref="StartupException">A port is out of range, two listeners ask for the same one, or the silo address is no IP address.</exception>
    public static void Validate(TeosdOptions teosd)
    {
        (string Key, int Port)[] ports =
        [
            ("api_port", teosd.ApiPort), ("rpc_port", teosd.RpcPort), ("metrics_port", teosd.MetricsPort),
            ("silo_port", teosd.SiloPort), ("gateway_port", teosd.GatewayPort),
        ];
        foreach (var (key, port) in ports)
        {
            if (port is < 0 or > 65535)
                throw new StartupException($"{key} must be between 0 and 65535, not {port}: fix {ConfigurationKeys.Flag(key)}");
        }

        if (!string.IsNullOrEmpty(teosd.SiloAddress) && !System.Net.IPAddress.TryParse(teosd.SiloAddress, out _))
            throw new StartupException($"silo_address must be the IP address other silos reach this one at, not '{teosd.SiloAddress}': fix {ConfigurationKeys.Flag("silo_address")}");

        if (teosd.SiloPort == 0)
            throw new StartupException($"silo_port must be a port between 1 and 65535: fix {ConfigurationKeys.Flag("silo_port")}");

        foreach (var clash in ports.Where(p => p.Port != 0).GroupBy(p => p.Port).Where(group => group.Count() > 1))
        {
            var keys = clash.Select(p => p.Key).ToList();
            throw new StartupException(
                $"{string.Join(" and ", keys)} are both {clash.Key}: each listener needs a port of its own; change {ConfigurationKeys.Flag(keys[^1])}");
        }
    }
}

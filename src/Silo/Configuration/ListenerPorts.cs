using Teos.Silo.Startup;

namespace Teos.Silo.Configuration;

/// <summary>The three listeners' ports: each in range, and distinct (0, any free port, aside).</summary>
public static class ListenerPorts
{
    /// <exception cref="StartupException">A port is out of range or two listeners ask for the same one.</exception>
    public static void Validate(TeosdOptions teosd)
    {
        (string Key, int Port)[] ports = [("api_port", teosd.ApiPort), ("rpc_port", teosd.RpcPort), ("metrics_port", teosd.MetricsPort)];
        foreach (var (key, port) in ports)
        {
            if (port is < 0 or > 65535)
                throw new StartupException($"{key} must be between 0 and 65535, not {port}: fix {ConfigurationKeys.Flag(key)}");
        }

        foreach (var clash in ports.Where(p => p.Port != 0).GroupBy(p => p.Port).Where(group => group.Count() > 1))
        {
            var keys = clash.Select(p => p.Key).ToList();
            throw new StartupException(
                $"{string.Join(" and ", keys)} are both {clash.Key}: each listener needs a port of its own; change {ConfigurationKeys.Flag(keys[^1])}");
        }
    }
}

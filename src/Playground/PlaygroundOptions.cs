using System.Globalization;

namespace Teos.Playground;

/// <summary>
/// teos-playground's flags. Ports default to teosd's and bitcoind regtest's, so teos-cli and teos-client work
/// with their defaults; 0 picks a free port.
/// </summary>
public sealed record PlaygroundOptions(string Dir, int ApiPort, int RpcPort, int MetricsPort, int SimPort)
{
    public const string Usage = """
        teos-playground: a Teos tower and a regtest bitcoind simulator, started and stopped together.

        Usage: teos-playground [--dir <dir>] [--apiport N] [--rpcport N] [--metricsport N] [--simport N]
               teos-playground tour [--dir <dir>]

          (no command)      start the playground; Ctrl+C or SIGTERM stops both. Each start begins afresh:
                            new chain, new tower (the <dir>/tower and <dir>/client folders are replaced)
          tour              against a running playground: register, add an appointment for a revoked
                            channel state, mine the old commitment, and watch the tower answer the breach
          --dir <dir>       where the playground keeps its files (default ~/.teos-playground)
          --apiport N       the tower's public API (default 9814; 0 picks a free port)
          --rpcport N       the tower's admin API (default 8814)
          --metricsport N   metrics and health (default 9816)
          --simport N       the bitcoind simulator's RPC (default 18443, bitcoind regtest's)
        """;

    public static PlaygroundOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PlaygroundOptions(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".teos-playground"), 9814, 8814, 9816, 18443);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value (see --help)");
            var value = args[++i];
            options = name switch
            {
                "--dir" => options with { Dir = Path.GetFullPath(value) },
                "--apiport" => options with { ApiPort = Port(name, value) },
                "--rpcport" => options with { RpcPort = Port(name, value) },
                "--metricsport" => options with { MetricsPort = Port(name, value) },
                "--simport" => options with { SimPort = Port(name, value) },
                _ => throw new ArgumentException($"unknown option {name} (see --help)"),
            };
        }

        return options;
    }

    public string TowerDir => Path.Combine(Dir, "tower");

    public string ClientDir => Path.Combine(Dir, "client");

    private static int Port(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{name}: '{value}' is not a port (0-65535)");
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Teos.BitcoindSim.Server;

namespace Teos.BitcoindSim;

/// <summary>The simulator executable's flags, named after bitcoind's where one exists.</summary>
public static class SimCommandLine
{
    public const string Usage = """
        usage: Teos.BitcoindSim [--port N] [--rpcuser U --rpcpassword P] [--cookie PATH] [--blocks N] [--chain regtest] [--warmup true]

        A bitcoind regtest stand-in (JSON-RPC on 127.0.0.1) for tests, benchmarks and the playground.
          --port N, --rpcport N          port to listen on (default 0: a free one; the first line printed names it)
          --rpcuser U --rpcpassword P    RPC credentials (default user:pass)
          --cookie PATH, --rpccookiefile PATH
                                         write a bitcoind-style cookie file instead of fixed credentials
          --blocks N                     blocks mined at start (default 101)
          --chain regtest                the only chain simulated
          --warmup true                  compile the RPC paths on a scratch chain before listening
          --help                         this text
        Stops on Ctrl+C, SIGTERM or the `stop` RPC. Methods: tests/Teos.BitcoindSim/README.md.
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BitcoindSimOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = new BitcoindSimOptions { InitialBlocks = 101 };
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = Split(args, ref i);
            if (value is null)
            {
                error = $"{name} needs a value";
                options = null;
                return false;
            }

            switch (name)
            {
                case "--port" or "--rpcport" when int.TryParse(value, CultureInfo.InvariantCulture, out var port):
                    options.Port = port;
                    break;
                case "--rpcuser":
                    options.RpcUser = value;
                    break;
                case "--rpcpassword":
                    options.RpcPassword = value;
                    break;
                case "--cookie" or "--rpccookiefile":
                    options.CookiePath = value;
                    break;
                case "--blocks" when int.TryParse(value, CultureInfo.InvariantCulture, out var blocks) && blocks >= 0:
                    options.InitialBlocks = blocks;
                    break;
                case "--chain":
                    options.Chain = value;
                    break;
                case "--warmup" when bool.TryParse(value, out var warmUp):
                    options.WarmUp = warmUp;
                    break;
                default:
                    error = $"unknown or invalid option {name} {value}";
                    options = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>Accepts both "--name value" and "--name=value".</summary>
    private static (string Name, string? Value) Split(string[] args, ref int i)
    {
        var arg = args[i];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
            return (arg[..equals], arg[(equals + 1)..]);
        return i + 1 < args.Length ? (arg, args[++i]) : (arg, null);
    }
}

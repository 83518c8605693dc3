namespace Teos.BitcoindSim.Server;

/// <summary>How a simulator instance listens and authenticates.</summary>
public sealed class BitcoindSimOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (see <see cref="BitcoindSimServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>rpcuser/rpcpassword credentials; when neither these nor a cookie are set, user "user" / password "pass".</summary>
    public string? RpcUser { get; set; }

    public string? RpcPassword { get; set; }

    /// <summary>Where to write the .cookie file ("__cookie__:&lt;random&gt;"), as bitcoind does at each start.</summary>
    public string? CookiePath { get; set; }

    /// <summary>Blocks mined on top of genesis at start (teosd needs a height of at least 100).</summary>
    public int InitialBlocks { get; set; }

    /// <summary>What getblockchaininfo reports as "chain".</summary>
    public string Chain { get; set; } = "regtest";

    /// <summary>
    /// Whether the executable first runs its RPC paths against a scratch instance, so that benchmarks do not time
    /// the simulator's own JIT (bitcoind has none) on the first call of a method, e.g. the first breach's broadcast.
    /// </summary>
    public bool WarmUp { get; set; }
}

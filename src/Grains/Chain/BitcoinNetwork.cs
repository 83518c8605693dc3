namespace Teos.Grains.Chain;

/// <summary>
/// The networks teosd runs on, named as bitcoind's getblockchaininfo.chain names them (spec 6.1:
/// "mainnet" is normalized to "main", "testnet" to "test").
/// </summary>
public static class BitcoinNetwork
{
    public const string Main = "main";
    public const string Test = "test";
    public const string Signet = "signet";
    public const string Regtest = "regtest";

    /// <summary>Normalizes a configured network name; false for anything that is not one of the four networks.</summary>
    public static bool TryNormalize(string? configured, out string chain)
    {
        chain = configured switch
        {
            "mainnet" or Main => Main,
            "testnet" or Test => Test,
            Signet => Signet,
            Regtest => Regtest,
            _ => string.Empty,
        };
        return chain.Length > 0;
    }

    /// <summary>bitcoind's default RPC port for a (normalized) network.</summary>
    public static int DefaultRpcPort(string chain) => chain switch
    {
        Main => 8332,
        Test => 18332,
        Signet => 38332,
        Regtest => 18443,
        _ => throw new ArgumentException($"Unknown Bitcoin network '{chain}'", nameof(chain)),
    };
}

namespace Teos.LoadGen.Load;

/// <summary>
/// The load `ingest` and `floor` both send, read from the same options with the same defaults, so that their figures
/// compare one for one.
/// </summary>
public sealed record IngestLoad(int Users, int PerUser, int WarmupPerUser, int Connections, double CryptoSeconds)
{
    public static IngestLoad From(Options options) => new(
        options.Int("users", 2000),
        options.Int("per-user", 40),
        options.Int("warmup-per-user", 10),
        options.Int("connections", 64),
        options.Double("crypto-seconds", 5));
}

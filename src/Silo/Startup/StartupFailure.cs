using Microsoft.Extensions.Options;
using Npgsql;
using Teos.Grains.Chain;
using Teos.Storage.Sqlite;

namespace Teos.Silo.Startup;

/// <summary>
/// The one place a failed start becomes the single line teosd prints: the cause and what to change. Failures teosd
/// anticipates are worded where they are detected (<see cref="StartupException"/>); this maps the rest.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    public static string Describe(Exception exception) => exception switch
    {
        StartupException or ArgumentException or OptionsValidationException => exception.Message,
        AggregateException { InnerExceptions: [var single] } => Describe(single),
        DatabaseInUseException inUse =>
            $"another teosd is running on this data dir ({inUse.DatabasePath} is locked): stop it, or give this one another --datadir " +
            "(several silos share one PostgreSQL database with --dbconnect)",
        NetworkMismatchException mismatch =>
            $"bitcoind is on {FlagValue(mismatch.BitcoindChain)} but teosd is configured for {FlagValue(mismatch.Configured)}: " +
            $"pass --btcnetwork {FlagValue(mismatch.BitcoindChain)}, or point --btcrpcconnect/--btcrpcport at a {FlagValue(mismatch.Configured)} node",
        BitcoindUnreachableException => $"{exception.Message}: start bitcoind, or point --btcrpcconnect/--btcrpcport at it",
        BitcoindException => exception.Message,
        NpgsqlException => $"cannot use the PostgreSQL database of --dbconnect: {exception.Message}",
        InvalidOperationException => exception.Message,
        _ => $"start-up failed: {exception.GetType().Name}: {exception.Message} (--debug shows where)",
    };

    /// <summary>Prints the line (with the stack trace when <paramref name="debug"/>) and returns teosd's exit status.</summary>
    public static int Report(Exception exception, bool debug, TextWriter error)
    {
        error.WriteLine($"teosd: {Describe(exception)}");
        if (debug)
            error.WriteLine(exception);
        return ExitCode;
    }

    /// <summary>bitcoind's chain name as --btcnetwork spells it.</summary>
    private static string FlagValue(string chain) => chain switch
    {
        BitcoinNetwork.Main => "mainnet",
        BitcoinNetwork.Test => "testnet",
        _ => chain,
    };
}

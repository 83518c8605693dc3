using Microsoft.Extensions.Logging;
using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// Reads the locator indexes into PostgreSQL's shared buffers when a silo starts. Buckets load their ranges from them
/// on activation and blocks probe them; after PostgreSQL restarts, or after a bulk load, their pages are not in
/// shared buffers yet and most reads go to the OS: at 10^7 appointments the previous design's block match took
/// 208 ms on a cold index against 19-29 ms on a warm one (docs/PERFORMANCE.md, round 5).
/// pg_prewarm, an extension shipped with PostgreSQL, reads each index in one sequential pass. It is best effort:
/// without the extension (teosd creates it when its role may), or when the indexes would take more than half of
/// shared buffers, nothing is read and blocks warm them as before.
/// </summary>
internal static class LocatorIndexWarmUp
{
    private static readonly string[] Indexes = ["appointments_rust_locator", "appointments_python_locator"];

    /// <summary>Returns the pages read, or null when it read none.</summary>
    public static async Task<long?> RunAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var started = TimeProvider.System.GetTimestamp();
            var pages = await WarmAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            if (pages is { } read)
                PostgresStoreLog.LocatorIndexesWarmed(logger, read, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            return pages;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            PostgresStoreLog.LocatorIndexesNotWarmed(logger, e.Message);
            return null;
        }
    }

    private static async Task<long?> WarmAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await connection.Command("CREATE EXTENSION IF NOT EXISTS pg_prewarm").RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedFile)
        {
            // Not a superuser, or the server was built without contrib: the operator can still add it.
            PostgresStoreLog.LocatorIndexesNotWarmed(logger, $"pg_prewarm is not installed and teosd may not install it ({e.MessageText})");
            return null;
        }

        var sizes = await connection.Command(
                $"""
                SELECT ({string.Join(" + ", Indexes.Select(index => $"pg_relation_size('{index}')"))}) / current_setting('block_size')::bigint,
                       (SELECT setting::bigint FROM pg_settings WHERE name = 'shared_buffers')
                """)
            .ListAsync(reader => (Pages: reader.GetInt64(0), Buffers: reader.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        var (pages, buffers) = sizes.Single();
        // Reading more than fits would only push out the pages other work needs, then these ones.
        if (pages * 2 > buffers)
        {
            PostgresStoreLog.LocatorIndexesNotWarmed(logger, $"they take {pages} pages, more than half of shared_buffers ({buffers} pages)");
            return null;
        }

        return await connection.Command($"SELECT {string.Join(" + ", Indexes.Select(index => $"pg_prewarm('{index}')"))}")
            .ScalarAsync<long>(cancellationToken).ConfigureAwait(false);
    }
}

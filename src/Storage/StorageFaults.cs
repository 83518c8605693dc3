using Microsoft.Data.Sqlite;
using Npgsql;
using Teos.Grains.Storage;

namespace Teos.Storage;

/// <summary>
/// Tells a fault of the machine under the store (disk full, I/O error, database unreachable) from any other
/// failure, and turns it into a <see cref="StorageUnavailableException"/> at the store's boundary.
/// </summary>
internal static class StorageFaults
{
    // SQLite primary result codes (sqlite3.h): the low byte of an extended code.
    private const int SqliteNoMemory = 7;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary><paramref name="exception"/>, or a <see cref="StorageUnavailableException"/> wrapping it when it is a storage fault.</summary>
    public static Exception Translate(Exception exception) =>
        exception is not StorageUnavailableException && IsFault(exception)
            ? new StorageUnavailableException($"storage unavailable: {exception.Message}", exception)
            : exception;

    public static bool IsFault(Exception exception) => exception switch
    {
        StorageUnavailableException => true,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteNoMemory or SqliteIoError or SqliteFull or SqliteCantOpen,
        // Class 53: insufficient resources (disk full, out of memory, too many connections); 58: system (I/O) errors;
        // 08: connection exceptions; 57P0x: the server is shutting down or starting.
        PostgresException postgres => postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("58", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P0", StringComparison.Ordinal),
        // No server answer at all: the connection failed or broke.
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException } => true,
        // The WAL sync (fsync) failed.
        IOException => true,
        _ => false,
    };
}

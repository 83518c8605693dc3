using Microsoft.Data.Sqlite;
using Npgsql;
using Teos.Grains.Storage;
using Xunit;

namespace Teos.Storage.Tests;

/// <summary>Faults of the machine under the store become <see cref="StorageUnavailableException"/> (503); bugs do not.</summary>
public sealed class StorageFaultsTests
{
    [Theory]
    [InlineData(13)] // SQLITE_FULL
    [InlineData(10)] // SQLITE_IOERR
    [InlineData(10 | (4 << 8))] // SQLITE_IOERR_WRITE, an extended code
    [InlineData(14)] // SQLITE_CANTOPEN
    public void Sqlite_disk_and_io_errors_are_storage_faults(int code)
    {
        var translated = StorageFaults.Translate(new SqliteException("database or disk is full", code));

        Assert.IsType<StorageUnavailableException>(translated);
        Assert.IsType<SqliteException>(translated.InnerException);
    }

    [Theory]
    [InlineData(19)] // SQLITE_CONSTRAINT: a bug or a race, not the machine
    [InlineData(1)] // SQLITE_ERROR: bad SQL
    public void Other_sqlite_errors_stay_what_they_are(int code)
    {
        var error = new SqliteException("constraint failed", code);

        Assert.Same(error, StorageFaults.Translate(error));
    }

    [Theory]
    [InlineData("53100", true)] // disk_full
    [InlineData("58030", true)] // io_error
    [InlineData("08006", true)] // connection_failure
    [InlineData("57P01", true)] // admin_shutdown
    [InlineData("23505", false)] // unique_violation
    [InlineData("40001", false)] // serialization_failure: retried by the writer, a bug if it escapes
    public void Postgres_resource_and_connection_errors_are_storage_faults(string sqlState, bool fault)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(fault, StorageFaults.Translate(error) is StorageUnavailableException);
    }

    [Fact]
    public void A_failed_wal_sync_is_a_storage_fault()
    {
        Assert.IsType<StorageUnavailableException>(StorageFaults.Translate(new IOException("No space left on device")));
    }

    [Fact]
    public void Other_exceptions_pass_through()
    {
        var bug = new InvalidOperationException("bug");

        Assert.Same(bug, StorageFaults.Translate(bug));
    }
}

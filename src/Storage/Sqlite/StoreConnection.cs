using Microsoft.Data.Sqlite;

namespace Teos.Storage.Sqlite;

/// <summary>
/// One open SQLite connection with its prepared commands, reused by SQL text: the statements are few and fixed,
/// and re-preparing them per call would cost more than running them. Not thread-safe: one user at a time.
/// </summary>
internal sealed class StoreConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private StoreConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Statements handed out by <see cref="Command"/> so far: what the writer counts per write.</summary>
    public long Statements { get; private set; }

    /// <summary>Opens a connection with the pragmas every Teos connection needs.</summary>
    public static StoreConnection Open(string path, bool readOnly)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Teos pools its own connections (with their prepared commands).
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var store = new StoreConnection(connection);
        // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an acknowledged write
        // survives power loss, not only a crash of the process.
        store.Execute("PRAGMA journal_mode = WAL");
        store.Execute("PRAGMA synchronous = FULL");
        store.Execute("PRAGMA foreign_keys = ON");
        store.Execute("PRAGMA busy_timeout = 5000");
        if (readOnly)
            store.Execute("PRAGMA query_only = ON");
        return store;
    }

    /// <summary>The cached command for this SQL, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        Statements++;
        return command;
    }

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        Connection.Dispose();
    }
}

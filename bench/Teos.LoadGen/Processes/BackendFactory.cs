using Teos.TestSupport.Postgres;

namespace Teos.LoadGen.Processes;

/// <summary>
/// The backend a command runs on. PostgreSQL: --dbconnect names an existing database (used as is), otherwise a
/// throwaway durable server is started and every tower gets a fresh database on it.
/// </summary>
public sealed class BackendFactory : IAsyncDisposable
{
    private readonly string _name;
    private readonly string? _connect;
    private readonly PostgresServer? _server;

    /// <summary>Extra Npgsql connection-string settings for teosd (--pg-options), for experiments.</summary>
    private string _extra = "";

    private BackendFactory(string name, string? connect, PostgresServer? server)
    {
        _name = name;
        _connect = connect;
        _server = server;
    }

    public static async Task<BackendFactory> CreateAsync(Options options)
    {
        var name = options.Str("backend", "sqlite");
        var connect = options.StrOrNull("dbconnect");
        var workdir = options.StrOrNull("workdir");
        var extra = options.Str("pg-options", "");
        var factory = name switch
        {
            "sqlite" => new BackendFactory(name, null, null),
            "postgres" when connect is not null => new BackendFactory(name, connect, null),
            "postgres" => new BackendFactory(name, null, await PostgresServer.StartAsync(durable: true, parent: workdir)),
            _ => throw new ArgumentException($"--backend: unknown backend '{name}' (sqlite, postgres)"),
        };
        factory._extra = extra;
        return factory;
    }

    public bool IsPostgres => _name == "postgres";

    /// <summary>A backend with an empty store for one tower (SQLite: the data dir is new anyway).</summary>
    public async Task<Backend> FreshAsync()
    {
        if (_name == "sqlite")
            return Backend.Sqlite;
        var connect = _connect ?? await _server!.CreateDatabaseAsync();
        return new Backend(_name, _extra.Length == 0 ? connect : $"{connect};{_extra}");
    }

    public async Task DropAsync(Backend backend)
    {
        if (_server is not null && backend.ConnectionString is { } connect)
            await _server.DropDatabaseAsync(connect);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

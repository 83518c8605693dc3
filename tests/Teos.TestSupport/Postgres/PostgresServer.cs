using System.Diagnostics;
using Npgsql;
using Teos.TestSupport.Processes;

namespace Teos.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own binaries: initdb into a temp dir, started on a free
/// loopback port with its socket in that dir, stopped and deleted on dispose. PostgreSQL refuses to run as root,
/// so as root the dir is handed to the <c>postgres</c> user and the binaries run through runuser.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian/Ubuntu put PostgreSQL 15; TEOS_PG_BIN overrides it.</summary>
    public const string DefaultBinaries = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _binaries;
    private readonly string _root;
    private int _databases;

    private string _startOptions = string.Empty;

    private PostgresServer(string binaries, string root, int port)
    {
        _binaries = binaries;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_root, "data");

    /// <summary>The connection string of <paramref name="database"/> on this server (superuser, no password).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 30,
        }.ConnectionString;

    /// <param name="durable">
    /// Keep fsync and synchronous commits on, with a production-like cache: for benchmarks, whose targets are about
    /// durable acknowledgements. Tests leave it off: their data dies with the run and fsyncs only slow them.
    /// </param>
    /// <param name="parent">Where to put the server's files (default: the temp dir).</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false, string? parent = null)
    {
        var binaries = Environment.GetEnvironmentVariable("TEOS_PG_BIN") ?? DefaultBinaries;
        if (!File.Exists(Path.Combine(binaries, "initdb")) || !File.Exists(Path.Combine(binaries, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found in {binaries} (initdb, pg_ctl): install postgresql-15 (apt-get install postgresql-15) " +
                "or point TEOS_PG_BIN at the directory that holds them");
        }

        var root = parent is null
            ? Directory.CreateTempSubdirectory("teos-pg-").FullName
            : Directory.CreateDirectory(Path.Combine(parent, $"teos-pg-{Guid.NewGuid():N}")).FullName;
        var server = new PostgresServer(binaries, root, LoopbackPort.Free());
        try
        {
            if (Environment.IsPrivilegedProcess)
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            await server.RunPgAsync("initdb", ["-D", server.DataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
            string[] durability = durable
                ? ["-c shared_buffers=1GB", "-c max_wal_size=8GB", "-c fsync=on", "-c synchronous_commit=on"]
                : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
            server._startOptions = string.Join(' ',
                [$"-p {server.Port}", "-c listen_addresses=127.0.0.1", $"-k {server._root}", "-c max_connections=400", .. durability]);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the server as an operator's restart does (pg_ctl's fast mode: open sessions are ended, clients see their
    /// connections drop and new ones refused); <see cref="StartAgainAsync"/> brings it back on the same port with its data.
    /// </summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>Starts the (stopped) server again on its port, and waits until it accepts connections.</summary>
    public Task StartAgainAsync() =>
        RunPgAsync("pg_ctl", ["-D", DataDir, "-l", Path.Combine(_root, "server.log"), "-o", _startOptions, "-w", "-t", "60", "start"]);

    /// <summary>A new empty database for one test or test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "teos")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 63)];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every session of other clients on <paramref name="applicationName"/>, as a crash of their host would.</summary>
    public async Task<int> TerminateSessionsAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try
            {
                await RunPgAsync("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped, or stopping failed: the temp dir goes anyway.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_binaries, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args])
            : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

}

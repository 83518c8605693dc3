using System.Diagnostics;
using Npgsql;

namespace Teos.LoadGen.Processes;

/// <summary>
/// A throwaway PostgreSQL 15 server for one benchmark command, set up as tests/Teos.TestSupport/Postgres does
/// (initdb into a scratch dir, runuser -u postgres as root, loopback port) but DURABLE: fsync and synchronous_commit
/// stay on, because the targets are about acknowledged (durable) appointments. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _root;
    private int _databases;

    private PostgresServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_root, "data");

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 30 }.ConnectionString;

    public static async Task<PostgresServer> StartAsync(string? parent)
    {
        var root = Path.Combine(parent ?? Path.GetTempPath(), $"teos-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var server = new PostgresServer(root, Teosd.FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            await server.RunPgAsync("initdb", ["-D", server.DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
            var options = string.Join(' ',
                $"-p {server.Port}", "-c listen_addresses=127.0.0.1", $"-k {root}", "-c max_connections=300",
                "-c shared_buffers=1GB", "-c max_wal_size=8GB", "-c fsync=on", "-c synchronous_commit=on");
            await server.RunPgAsync("pg_ctl", ["-D", server.DataDir, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "120", "start"]);
            Console.WriteLine($"throwaway PostgreSQL on port {server.Port} in {root} (fsync on, synchronous_commit on, shared_buffers 1GB)");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"teos_bench_{Interlocked.Increment(ref _databases)}";
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try
            {
                await RunPgAsync("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "-t", "60", "stop"]);
            }
            catch (InvalidOperationException)
            {
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
        var path = Path.Combine(Binaries, tool);
        return Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}

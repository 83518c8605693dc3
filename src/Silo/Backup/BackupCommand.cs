using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Teos.Silo.Storage;
using Teos.Storage.Sqlite;

namespace Teos.Silo.Backup;

/// <summary>
/// <c>teosd backup &lt;dir&gt;</c> copies an embedded tower (every network's SQLite database, which holds the tower
/// key, plus teos.toml and the admin certificates) consistently, also while teosd runs; <c>teosd restore
/// &lt;dir&gt;</c> puts such a copy into a data dir that holds no tower yet, with teosd stopped. Files are owner-only.
/// A PostgreSQL tower is backed up with pg_dump instead (README).
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    private static readonly string[] DataDirFiles =
        ["teos.toml", "ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem"];

    private static readonly string[] Networks = ["main", "test", "signet", "regtest"];

    public static Task<int> RunAsync(IReadOnlyList<string> args, bool debug)
    {
        try
        {
            if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
                throw new StartupException($"usage: teosd {args[0]} <directory> [--datadir <dir>]");
            var configuration = TeosdConfiguration.Build(args.Skip(2).ToList());
            var teosd = new TeosdOptions();
            configuration.Bind(teosd);
            if (!string.IsNullOrWhiteSpace(teosd.DbConnect))
                throw new StartupException("this tower's database is PostgreSQL (db_connect): back it up with pg_dump and restore it with pg_restore (README, Backup and restore)");

            var directory = Path.GetFullPath(args[1]);
            var copied = args[0] == Backup ? BackUp(teosd.ExpandedDataDir, directory) : RestoreInto(directory, teosd.ExpandedDataDir);
            Console.WriteLine(args[0] == Backup
                ? $"teosd: backed up {teosd.ExpandedDataDir} to {directory}: {string.Join(", ", copied)}"
                : $"teosd: restored {directory} into {teosd.ExpandedDataDir}: {string.Join(", ", copied)}");
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromResult(StartupFailure.Report(e, debug, Console.Error));
        }
    }

    private static List<string> BackUp(string dataDir, string target)
    {
        var databases = Networks.Where(network => File.Exists(Database(dataDir, network))).ToList();
        if (databases.Count == 0)
            throw new StartupException($"no tower database in {dataDir}: give --datadir the data dir of the tower to back up");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new StartupException($"{target} is not empty: back up into a new directory");

        DataDirectory.Prepare(target, "the backup directory");
        var copied = new List<string>();
        foreach (var network in databases)
        {
            DataDirectory.Prepare(Path.Combine(target, network), "the backup directory");
            SqliteBackup.Copy(Database(dataDir, network), Database(target, network));
            copied.Add(OwnerOnly(Path.Combine(network, TowerStoreFactory.SqliteFileName), target));
        }

        copied.AddRange(CopyFiles(dataDir, target));
        return copied;
    }

    private static List<string> RestoreInto(string source, string dataDir)
    {
        var databases = Networks.Where(network => File.Exists(Database(source, network))).ToList();
        if (databases.Count == 0)
            throw new StartupException($"{source} holds no backup (no <network>/{TowerStoreFactory.SqliteFileName})");
        var existing = databases.SelectMany(network => new[] { "", "-wal", "-shm" }.Select(suffix => Database(dataDir, network) + suffix))
            .Concat(DataDirFiles.Where(file => File.Exists(Path.Combine(source, file))).Select(file => Path.Combine(dataDir, file)))
            .Where(File.Exists)
            .ToList();
        if (existing.Count > 0)
            throw new StartupException($"{dataDir} already holds {existing[0]}: restore into a new --datadir, or move the old files away first (restore never overwrites)");

        DataDirectory.Prepare(dataDir);
        var copied = new List<string>();
        foreach (var network in databases)
        {
            DataDirectory.Prepare(Path.Combine(dataDir, network));
            var target = Database(dataDir, network);
            // Held while copying, so a teosd starting now waits for a whole database rather than reading half of one.
            SqliteBackup.WhileLocked(target, () => File.Copy(Database(source, network), target));
            copied.Add(OwnerOnly(Path.Combine(network, TowerStoreFactory.SqliteFileName), dataDir));
        }

        copied.AddRange(CopyFiles(source, dataDir));
        return copied;
    }

    private static IEnumerable<string> CopyFiles(string from, string to)
    {
        foreach (var file in DataDirFiles.Where(file => File.Exists(Path.Combine(from, file))))
        {
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
            yield return OwnerOnly(file, to);
        }
    }

    private static string OwnerOnly(string relative, string directory)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(directory, relative), DataDirectory.OwnerOnlyFile);
        return relative;
    }

    private static string Database(string directory, string network) =>
        Path.Combine(directory, network, TowerStoreFactory.SqliteFileName);
}

using Microsoft.Extensions.Logging;
using Teos.Silo.Startup;

namespace Teos.Silo.Storage;

/// <summary>
/// The data dir (spec 6.2) and its secrets: the directory and its network folder are owner-only (0700); the admin
/// keys and the SQLite database, which holds the tower key, are owner-only (0600). teosd creates them so, and at
/// every start fixes (and says so) any that an older teosd or an operator left readable by others.
/// </summary>
public static partial class DataDirectory
{
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates (0700) or checks the directory, and proves teosd can write in it.</summary>
    /// <exception cref="StartupException">It is a file, cannot be created, or cannot be written.</exception>
    public static void Prepare(string path, string option = "--datadir")
    {
        if (File.Exists(path))
            throw new StartupException($"the data dir {path} is a file, not a directory: give {option} a directory");
        try
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(path);
            else
                Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"cannot create the data dir {path} ({Reason(e)}): choose another with {option} or fix the permissions of {Path.GetDirectoryName(path)}", e);
        }

        var probe = Path.Combine(path, $".teosd-write-test-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"cannot write to the data dir {path} ({Reason(e)}): let the user running teosd write there, or choose another with {option}", e);
        }
    }

    /// <summary>
    /// Makes the data dir, its network folder and every secret in them owner-only, logging each change. The
    /// tower key lives in the database, so a database others could read means they may have its key.
    /// </summary>
    public static void RestrictSecrets(string dataDir, string networkDir, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
            return;
        Restrict(dataDir, OwnerOnlyDirectory, logger);
        Restrict(networkDir, OwnerOnlyDirectory, logger);
        foreach (var key in Directory.EnumerateFiles(dataDir, "*-key.pem"))
            Restrict(key, OwnerOnlyFile, logger);
        foreach (var database in Directory.EnumerateFiles(networkDir, TowerStoreFactory.SqliteFileName + "*"))
        {
            if (Restrict(database, OwnerOnlyFile, logger) && database.EndsWith(TowerStoreFactory.SqliteFileName, StringComparison.Ordinal))
                LogTowerKeyExposed(logger, database);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool Restrict(string path, UnixFileMode wanted, ILogger logger)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) == 0)
            return false;
        File.SetUnixFileMode(path, wanted);
        LogRestricted(logger, path, Octal(mode), Octal(wanted));
        return true;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "{Path} was open to other users ({Mode}): changed to {Wanted}")]
    private static partial void LogRestricted(ILogger logger, string path, string mode, string wanted);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning,
        Message = "{Database} holds the tower key and was readable by other users; if one may have copied it, start once with --overwritekey (users then register with the new tower id)")]
    private static partial void LogTowerKeyExposed(ILogger logger, string database);
}

using Teos.Protocol.Signing;

namespace Teos.Cli.Client;

/// <summary>
/// The user's secret key: <c>&lt;datadir&gt;/user_sk</c>, 64 hex characters, readable by the owner only. Made on first
/// use; losing it means losing access to the subscription and its appointments.
/// </summary>
public static class UserKeyFile
{
    public const string FileName = "user_sk";

    public static async Task<(SecretKey Key, bool Created)> LoadOrCreateAsync(string dataDir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            return SecretKey.TryParseHex(text, out var key, out var error)
                ? (key!, false)
                : throw new ClientException($"{path} does not hold a secret key ({error!.Message})");
        }

        Directory.CreateDirectory(dataDir);
        var created = SecretKey.Generate();
        await File.WriteAllTextAsync(path, string.Empty, cancellationToken);
        // Owner-only before the key is written (Windows protects the profile directory with ACLs instead).
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(path, created.ToHex() + Environment.NewLine, cancellationToken);
        return (created, true);
    }
}

using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Cli.Client;

/// <summary>What every teos-client command works with: the user key, the tower and, when known, its pinned id.</summary>
public sealed record ClientContext(string DataDir, SecretKey UserKey, Uri Tower, PublicKey? TowerId, bool Json)
{
    public const string DefaultDataDir = "~/.teos_client";
    public const string DefaultTower = "http://localhost:9814";

    public UserId UserId => new(UserKey.PublicKey);

    /// <summary>Flags first, then what <c>register</c> pinned in the data dir, then the defaults.</summary>
    public static async Task<ClientContext> ResolveAsync(
        string? dataDir, string? tower, string? towerId, bool json, TextWriter notices, CancellationToken cancellationToken)
    {
        var dir = Expand(dataDir ?? DefaultDataDir);
        var (key, created) = await UserKeyFile.LoadOrCreateAsync(dir, cancellationToken);
        if (created)
            await notices.WriteLineAsync($"Created a new user key in {Path.Combine(dir, UserKeyFile.FileName)} (keep it: it is your identity at the tower)");

        var pinned = await PinnedTower.LoadAsync(dir, cancellationToken);
        var url = tower ?? pinned?.Url ?? DefaultTower;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var towerUri) || towerUri.Scheme is not ("http" or "https"))
            throw new ClientException($"--tower: '{url}' is not an http(s) URL, e.g. http://localhost:9814");

        PublicKey? id = null;
        if (towerId is not null)
            id = new PinnedTower(url, towerId).Key;
        else if (pinned is not null && Uri.TryCreate(pinned.Url, UriKind.Absolute, out var pinnedUri) && pinnedUri == towerUri)
            id = pinned.Key;
        return new ClientContext(dir, key, towerUri, id, json);
    }

    /// <summary>The tower id receipts are checked against; without one a signature would prove nothing.</summary>
    public PublicKey RequireTowerId() =>
        TowerId ?? throw new ClientException(
            $"no tower id for {Tower}: pass --tower-id <66 hex> (the operator publishes it; teosd logs it as 'tower_id' "
            + "at start). register remembers it for later commands.");

    private static string Expand(string path) =>
        path.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..].TrimStart('/'))
            : Path.GetFullPath(path);
}

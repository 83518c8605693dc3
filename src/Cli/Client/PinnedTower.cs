using System.Text.Json;
using System.Text.Json.Serialization;
using Teos.Protocol.Signing;

namespace Teos.Cli.Client;

/// <summary>
/// The tower a user registered with: its URL and its id (public key), kept in <c>&lt;datadir&gt;/tower.json</c> after a
/// registration whose receipt verified, so later commands need neither flag.
/// </summary>
public sealed record PinnedTower(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("tower_id")] string TowerId)
{
    public const string FileName = "tower.json";

    public static async Task<PinnedTower?> LoadAsync(string dataDir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
            return null;
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<PinnedTower>(file, cancellationToken: cancellationToken);
    }

    public async Task SaveAsync(string dataDir, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, FileName), JsonSerializer.Serialize(this), cancellationToken);
    }

    [JsonIgnore]
    public PublicKey Key =>
        PublicKey.TryParseHex(TowerId, out var key, out var error)
            ? key
            : throw new ClientException($"the tower id '{TowerId}' is not a public key ({error!.Message}); it is 66 hex characters");
}

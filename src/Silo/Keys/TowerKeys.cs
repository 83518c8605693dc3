using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Protocol.Signing;

namespace Teos.Silo.Keys;

/// <summary>
/// The tower key (spec 6.2): the newest stored key, or a new one on first run or with --overwritekey. Old keys
/// stay in the store, unused, so an operator can still prove what an earlier tower id signed.
/// </summary>
public static class TowerKeys
{
    public static async Task<TowerIdentity> LoadOrCreateAsync(
        ITowerKeys store, ISecp256k1Engine engine, bool overwrite, CancellationToken cancellationToken)
    {
        var key = SecretKey.Generate(engine);
        if (overwrite)
        {
            await store.AddTowerKeyAsync(key.ToHex(), cancellationToken);
            return new TowerIdentity(key);
        }

        var current = await store.GetOrAddTowerKeyAsync(key.ToHex(), cancellationToken);
        return new TowerIdentity(SecretKey.ParseHex(current, engine));
    }
}

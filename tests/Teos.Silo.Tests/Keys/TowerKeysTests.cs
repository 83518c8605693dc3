using Microsoft.Extensions.Logging.Abstractions;
using Teos.Protocol.Signing;
using Teos.Silo.Keys;
using Teos.Grains.Storage;
using Teos.Storage.Hosting;
using Teos.Storage.Sqlite;
using Xunit;

namespace Teos.Silo.Tests.Keys;

public sealed class TowerKeysTests : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("teosd-keys-");
    private readonly SqliteStorage _storage;

    public TowerKeysTests() =>
        _storage = SqliteStorage.Open(Path.Combine(_dir.FullName, "teos_db.sql3"), new StorageOptions { ExpiryDelta = 6 }, NullLogger.Instance);

    private ITowerKeys _store => _storage.TowerKeys;

    [Fact]
    public async Task The_first_start_creates_a_key_that_later_starts_reuse()
    {
        var first = await TowerKeys.LoadOrCreateAsync(_store, Secp256k1Engines.Default, overwrite: false, CancellationToken.None);
        var second = await TowerKeys.LoadOrCreateAsync(_store, Secp256k1Engines.Default, overwrite: false, CancellationToken.None);

        Assert.Equal(first.TowerId, second.TowerId);
    }

    [Fact]
    public async Task Overwriting_changes_the_tower_id_for_this_and_later_starts()
    {
        var original = await TowerKeys.LoadOrCreateAsync(_store, Secp256k1Engines.Default, overwrite: false, CancellationToken.None);

        var replaced = await TowerKeys.LoadOrCreateAsync(_store, Secp256k1Engines.Default, overwrite: true, CancellationToken.None);

        Assert.NotEqual(original.TowerId, replaced.TowerId);
        Assert.Equal(replaced.TowerId, (await TowerKeys.LoadOrCreateAsync(_store, Secp256k1Engines.Default, false, CancellationToken.None)).TowerId);
    }

    public async ValueTask DisposeAsync()
    {
        await _storage.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}

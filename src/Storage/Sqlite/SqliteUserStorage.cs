using Orleans.Runtime;
using Teos.Grains.Users;
using Teos.Storage.Providers;

namespace Teos.Storage.Sqlite;

/// <summary>The "users" provider on SQLite: typed rows; clearing a user deletes its appointment rows with it.</summary>
internal sealed class SqliteUserStorage(SqliteAccess access) : TypedGrainStorage<UserState>
{
    protected override Task<UserState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.ReadAsync(connection => UserRows.Get(connection, tower, user), cancellationToken);
    }

    protected override Task WriteAsync(GrainId grainId, UserState state, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.WriteAsync(connection => UserRows.Save(connection, tower, user, state), cancellationToken);
    }

    protected override Task ClearAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.WriteAsync(connection => UserRows.Delete(connection, tower, user), cancellationToken);
    }
}

using Orleans.Runtime;
using Teos.Grains.Users;
using Teos.Storage.Providers;

namespace Teos.Storage.Postgres;

/// <summary>The "users" provider on PostgreSQL: typed rows; clearing a user deletes its appointment rows with it.</summary>
internal sealed class PostgresUserStorage(PostgresAccess access) : TypedGrainStorage<UserState>
{
    protected override Task<UserState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.ReadAsync((connection, token) => UserRows.GetAsync(connection, tower, user, token), cancellationToken);
    }

    protected override Task WriteAsync(GrainId grainId, UserState state, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.WriteAsync(() => [UserRows.Save(tower, user, state)], cancellationToken);
    }

    protected override Task ClearAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, user) = GrainKeys.User(grainId);
        return access.WriteAsync(() => [UserRows.Delete(tower, user)], cancellationToken);
    }
}

namespace Teos.Storage.Postgres;

/// <summary>
/// The advisory-lock keys Teos uses, all in one place so they never collide. PostgreSQL advisory locks are
/// database-wide, so every silo on the database sees the same ones.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>Held (transaction-scoped) while migrations run, so concurrent silo starts apply them once.</summary>
    public const long Migrations = 0x7465_6f73_0000_0001;

    /// <summary>Held (transaction-scoped) while a silo checks for and creates the first tower key.</summary>
    public const long TowerKey = 0x7465_6f73_0000_0004;
}

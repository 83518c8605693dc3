namespace Teos.Storage.Postgres;

/// <summary>
/// The advisory-lock keys Teos uses, all in one place so they never collide. PostgreSQL advisory locks are
/// database-wide, so every silo on the database sees the same ones.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>Held (transaction-scoped) while migrations run, so concurrent silo starts apply them once.</summary>
    public const long Migrations = 0x7465_6f73_0000_0001;

    /// <summary>
    /// Orders add_appointment against the block transaction that fills the locator cache and reads the breaches:
    /// appointments take it shared, the block exclusive (see <see cref="PostgresTowerTransaction"/>).
    /// </summary>
    public const long LocatorCache = 0x7465_6f73_0000_0002;

    /// <summary>The block-feed lease: a session lock on a dedicated connection (see <see cref="PostgresFeedLease"/>).</summary>
    public const long BlockFeed = 0x7465_6f73_0000_0003;

    /// <summary>Held (transaction-scoped) while a silo checks for and creates the first tower key.</summary>
    public const long TowerKey = 0x7465_6f73_0000_0004;

    /// <summary>Two-key locks in this class serialize first-time registrations of one user (no row to lock yet).</summary>
    public const int UserClass = 0x7465_6f74;
}

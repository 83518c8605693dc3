namespace Teos.LoadGen.Processes;

/// <summary>The store a teosd under test uses: SQLite in its data dir, or PostgreSQL through --dbconnect.</summary>
public sealed record Backend(string Name, string? ConnectionString)
{
    public static Backend Sqlite { get; } = new("sqlite", null);

    public bool IsPostgres => ConnectionString is not null;

    public IEnumerable<string> TeosdArgs => ConnectionString is { } connect ? ["--dbconnect", connect] : [];
}

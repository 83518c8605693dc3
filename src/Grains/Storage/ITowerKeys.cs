namespace Teos.Grains.Storage;

/// <summary>The tower's secret keys (spec 6.2): the newest is used; older ones are kept, never used automatically.</summary>
public interface ITowerKeys
{
    /// <summary>
    /// The newest tower key; when there is none yet, stores <paramref name="candidateHex"/> and returns it.
    /// Atomic, so silos starting together on an empty database agree on one tower id.
    /// </summary>
    Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken);

    /// <summary>Stores a new tower key; older keys are kept but no longer used (spec 6.2).</summary>
    Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken);
}

namespace Teos.Storage.Hosting;

/// <summary>What opening the store needs besides where it is.</summary>
public sealed record StorageOptions
{
    /// <summary>
    /// The tower's expiry_delta: the grains upgrade of a database written by the previous teosd computes each
    /// user's deletion height (expiry + expiry_delta) with it. Unused once the schema is current.
    /// </summary>
    public required uint ExpiryDelta { get; init; }

    /// <summary>The locator bucket width the silo works with; the schema records it and opening refuses another.</summary>
    public int BucketBits { get; init; } = 10;
}

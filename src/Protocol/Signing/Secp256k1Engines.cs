namespace Teos.Protocol.Signing;

/// <summary>
/// Picks the engine: libsecp256k1 when it loads, the managed fallback otherwise. <see cref="Default"/> is
/// created once per process and never disposed; hosts log <c>Default.Name</c> at startup.
/// </summary>
public static class Secp256k1Engines
{
    private static readonly Lazy<ISecp256k1Engine> Shared = new(Create);

    public static ISecp256k1Engine Default => Shared.Value;

    /// <summary>A new engine: native when available, else managed. The caller owns (and may dispose) a native one.</summary>
    public static ISecp256k1Engine Create() =>
        NativeSecp256k1Engine.TryCreate(out var native) ? native! : new ManagedSecp256k1Engine();
}

using Teos.Protocol.Signing;

namespace Teos.Protocol.Tests.Support;

/// <summary>
/// Both secp256k1 engines by name, so vector tests run once per engine. The native one must load here: a missing
/// libsecp256k1-1 fails these tests rather than silently testing the fallback twice.
/// </summary>
public static class TestEngines
{
    public const string Native = "native";
    public const string Managed = "managed";

    private static readonly Lazy<ISecp256k1Engine> NativeEngine = new(() =>
        NativeSecp256k1Engine.TryCreate(out var engine)
            ? engine!
            : throw new InvalidOperationException("libsecp256k1 could not be loaded (apt-get install libsecp256k1-1)"));

    private static readonly ISecp256k1Engine ManagedEngine = new ManagedSecp256k1Engine();

    public static IReadOnlyList<string> Names { get; } = [Native, Managed];

    public static ISecp256k1Engine Get(string name) => name switch
    {
        Native => NativeEngine.Value,
        Managed => ManagedEngine,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static LightningMessageSigner Signer(string name) => new(Get(name));

    /// <summary>Every engine name, as xunit rows.</summary>
    public static IEnumerable<object[]> All => Names.Select(name => new object[] { name });

    /// <summary>Each vector row once per engine.</summary>
    public static IEnumerable<object[]> Cross(IEnumerable<object[]> rows) =>
        rows.SelectMany(row => Names.Select(name => new[] { row[0], name }));
}

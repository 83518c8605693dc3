namespace Teos.Cli.Client;

/// <summary>
/// The tower answered but its signature does not verify against the pinned tower id: the answer proves nothing
/// and the user must not rely on it (exit status 2).
/// </summary>
public sealed class ReceiptNotVerifiedException(string message) : Exception(message);

namespace Teos.Cli.Admin;

/// <summary>An admin call that did not succeed; the message is what the operator reads on stderr.</summary>
public sealed class AdminCallException(string message, Exception? inner = null) : Exception(message, inner);

namespace Teos.Cli.Client;

/// <summary>A command that could not be carried out; the message is what the user reads on stderr (exit status 1).</summary>
public sealed class ClientException(string message, Exception? inner = null) : Exception(message, inner);

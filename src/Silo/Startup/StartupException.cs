namespace Teos.Silo.Startup;

/// <summary>
/// A start-up failure the operator fixes: its message is the one line teosd prints, naming the cause and the fix
/// (the option, path, port or network to change).
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

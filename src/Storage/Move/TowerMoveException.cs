namespace Teos.Storage.Move;

/// <summary>A move that cannot start or must stop, worded as the one line the operator reads (what, and what to do).</summary>
public sealed class TowerMoveException(string message) : InvalidOperationException(message);

namespace Teos.Storage.Postgres;

/// <summary>
/// Thrown inside a group-commit batch by a write that must not share its transaction (the block feed's). The
/// batch undoes whatever that work did and runs it again in a transaction of its own; the caller never sees it.
/// </summary>
internal sealed class OwnTransactionRequiredException() : InvalidOperationException("This write runs in a transaction of its own");

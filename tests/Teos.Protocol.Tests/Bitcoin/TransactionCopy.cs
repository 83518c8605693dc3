using Teos.Protocol.Bitcoin;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Rebuilds a transaction through the public constructors, exercising the serializer rather than the parsed bytes.</summary>
internal static class TransactionCopy
{
    public static Transaction Of(Transaction tx) => new(
        tx.Version,
        tx.Inputs.Select(input => new TxIn(input.PreviousOutput, input.ScriptSig.Span, input.Sequence, input.Witness)),
        tx.Outputs.Select(output => new TxOut(output.Value, output.ScriptPubKey.Span)),
        tx.LockTime);
}

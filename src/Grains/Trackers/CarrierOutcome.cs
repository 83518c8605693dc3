namespace Teos.Grains.Trackers;

/// <summary>What bitcoind said to a broadcast (spec 4.4 carrier table).</summary>
public abstract record CarrierOutcome
{
    /// <summary>Accepted, or already in the mempool.</summary>
    public sealed record InMempool : CarrierOutcome
    {
        public override string ToString() => "accepted into bitcoind's mempool";
    }

    /// <summary>-27: the transaction's outputs are already in the chain.</summary>
    public sealed record IrrevocablyResolved : CarrierOutcome
    {
        public override string ToString() => "already in the chain";
    }

    /// <summary>Refused by bitcoind; <see cref="Code"/> is its RPC code, or -257 for anything unrecognised.</summary>
    public sealed record Rejected(int Code) : CarrierOutcome
    {
        public override string ToString() => Code switch
        {
            -26 => "rejected by bitcoind (-26: it conflicts with a transaction in the mempool)",
            -25 => "rejected by bitcoind (-25: an input is missing or already spent)",
            -22 => "rejected by bitcoind (-22: it does not decode)",
            _ => $"rejected by bitcoind ({Code}: an error the tower does not recognise)",
        };
    }

    public const int UnknownJsonRpcException = -257;

    public static readonly CarrierOutcome Accepted = new InMempool();

    public static readonly CarrierOutcome AlreadyInChain = new IrrevocablyResolved();

    /// <summary>Maps a sendrawtransaction RPC error code the way rust-teos does.</summary>
    public static CarrierOutcome FromRpcError(int code) => code switch
    {
        -27 => AlreadyInChain,
        -26 or -25 or -22 => new Rejected(code),
        _ => new Rejected(UnknownJsonRpcException),
    };
}

using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>A responded dispute as /get_appointment shows it: txids in display order, raw penalty with witness (spec 3.5).</summary>
public sealed record TrackerData(
    [property: JsonPropertyName("dispute_txid")] string DisputeTxid,
    [property: JsonPropertyName("penalty_txid")] string PenaltyTxid,
    [property: JsonPropertyName("penalty_rawtx")] string PenaltyRawTx);

using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>A responded dispute as python-teos shows it: <see cref="TrackerData"/> preceded by the locator (spec 9).</summary>
public sealed record PythonTrackerData(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("dispute_txid")] string DisputeTxid,
    [property: JsonPropertyName("penalty_txid")] string PenaltyTxid,
    [property: JsonPropertyName("penalty_rawtx")] string PenaltyRawTx);

using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>
/// A responder tracker as teos-cli prints it (spec 5.1): txids in display order, raw penalty with witness.
/// <c>uuid</c>, <c>user_id</c> and <c>locator</c> are Teos additions after the spec's fields.
/// </summary>
public sealed record AdminTracker(
    [property: JsonPropertyName("dispute_txid")] string DisputeTxid,
    [property: JsonPropertyName("penalty_txid")] string PenaltyTxid,
    [property: JsonPropertyName("penalty_rawtx")] string PenaltyRawTx,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("locator")] string Locator);

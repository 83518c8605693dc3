using Microsoft.Extensions.Logging;
using Teos.Grains.Appointments;
using Teos.Grains.Tower;
using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// Tells the operator, in words, what became of each breach and each penalty re-send (log and metrics): answered,
/// already confirmed, or refused by bitcoind, which means a cheat goes unpunished unless someone acts.
/// </summary>
public sealed partial class BreachOutcomes(TowerMetrics metrics, ILogger<BreachOutcomes> logger)
{
    /// <param name="status">The new tracker's status, or null when bitcoind rejected the penalty.</param>
    /// <param name="late">Found by the cache path: the appointment came after its dispute was mined (spec 4.3).</param>
    public void Answered(Appointment appointment, uint256 disputeTxid, uint256 penaltyTxid, TrackerStatus? status, uint height, bool late)
    {
        var (uuid, user, locator) = (appointment.Uuid.ToHex(), appointment.UserId.ToHex(), appointment.Locator.ToHex());
        var seen = late ? $"already in a recent block when its appointment arrived (tip {height})" : $"in block {height}";
        switch (status)
        {
            case { Confirmed: true } confirmed:
                metrics.BreachFound("answered");
                LogPenaltyConfirmed(disputeTxid, seen, uuid, user, locator, penaltyTxid, confirmed.Height);
                break;
            case not null:
                metrics.BreachFound("answered");
                LogPenaltyInMempool(disputeTxid, seen, uuid, user, locator, penaltyTxid);
                break;
            default:
                metrics.BreachFound("rejected");
                metrics.PenaltyRejected();
                LogPenaltyRejected(disputeTxid, seen, uuid, user, locator, penaltyTxid);
                break;
        }
    }

    public void Undecryptable(Appointment appointment, uint256 disputeTxid, uint height)
    {
        metrics.BreachFound("undecryptable");
        LogUndecryptable(disputeTxid, height, appointment.Uuid.ToHex(), appointment.UserId.ToHex());
    }

    /// <summary>A tracker's penalty (or, after a reorg, its dispute) was refused on a re-send: the tracker is dropped.</summary>
    public void ResendRejected(Tracker tracker, uint height)
    {
        metrics.PenaltyRejected();
        LogResendRejected(tracker.PenaltyTx.GetHash(), tracker.Uuid.ToHex(), tracker.UserId.ToHex(), height);
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information,
        Message = "Breach: commitment {DisputeTxid} {Seen} (appointment {Uuid}, user {UserId}, locator {Locator}); penalty {PenaltyTxid} sent, bitcoind accepted it into its mempool")]
    private partial void LogPenaltyInMempool(uint256 disputeTxid, string seen, string uuid, string userId, string locator, uint256 penaltyTxid);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information,
        Message = "Breach: commitment {DisputeTxid} {Seen} (appointment {Uuid}, user {UserId}, locator {Locator}); penalty {PenaltyTxid} is already confirmed in block {ConfirmedHeight}")]
    private partial void LogPenaltyConfirmed(uint256 disputeTxid, string seen, string uuid, string userId, string locator, uint256 penaltyTxid, uint confirmedHeight);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning,
        Message = "Breach NOT answered: commitment {DisputeTxid} {Seen} (appointment {Uuid}, user {UserId}, locator {Locator}); bitcoind rejected penalty {PenaltyTxid}, the appointment is dropped")]
    private partial void LogPenaltyRejected(uint256 disputeTxid, string seen, string uuid, string userId, string locator, uint256 penaltyTxid);

    [LoggerMessage(EventId = 323, Level = LogLevel.Information,
        Message = "Breach: commitment {DisputeTxid} in block {Height} matches appointment {Uuid} of user {UserId}, but its blob does not decrypt to a transaction: dropped")]
    private partial void LogUndecryptable(uint256 disputeTxid, uint height, string uuid, string userId);

    [LoggerMessage(EventId = 324, Level = LogLevel.Warning,
        Message = "Penalty {PenaltyTxid} of appointment {Uuid} (user {UserId}) rejected by bitcoind when sent again at height {Height}: tracker dropped")]
    private partial void LogResendRejected(uint256 penaltyTxid, string uuid, string userId, uint height);
}

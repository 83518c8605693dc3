using Microsoft.Extensions.Logging;
using NBitcoin;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Protocol.Blobs;

namespace Teos.Grains.Appointments;

/// <summary>
/// The cache path (spec 4.3): an appointment whose dispute is already in one of the last blocks is answered at
/// once instead of waiting for a block that will never come. Runs on whichever silo took the request.
/// </summary>
public sealed partial class LateAppointmentResponder(
    ITowerStore store, IBitcoinNode node, BreachOutcomes outcomes, ILoggerFactory loggers, ILogger<LateAppointmentResponder> logger)
{
    public async Task RespondAsync(Appointment appointment, RecentBreach breach, uint towerHeight, CancellationToken cancellationToken)
    {
        var dispute = await FindDisputeAsync(breach, cancellationToken);
        if (dispute is null)
            return;

        TrackerStatus? status = null;
        if (PenaltyBlob.TryOpen(appointment.EncryptedBlob, breach.DisputeTxid, appointment.Profile, out var penalty))
        {
            // A carrier of its own: its per-block memory belongs to the block feed's carrier only.
            var responder = new Responder(new Carrier(node, loggers.CreateLogger<Carrier>()), loggers.CreateLogger<Responder>());
            status = await responder.StatusForBreachAsync(penalty, towerHeight, index: null, cancellationToken);
            outcomes.Answered(appointment, breach.DisputeTxid, penalty.GetHash(), status, towerHeight, late: true);
        }
        else
        {
            outcomes.Undecryptable(appointment, breach.DisputeTxid, towerHeight);
        }

        await store.WriteAsync(async (tx, _) =>
        {
            if (status is { } accepted)
                await tx.InsertTrackerAsync(new Tracker(appointment.Uuid, appointment.UserId, dispute, penalty!, accepted));
            else
                await tx.DeleteAppointmentsAsync([appointment.Uuid], refund: false);
            return true;
        }, cancellationToken);
    }

    private async Task<Transaction?> FindDisputeAsync(RecentBreach breach, CancellationToken cancellationToken)
    {
        try
        {
            var block = await node.GetBlockAsync(breach.BlockHash, cancellationToken);
            return block.Transactions.FirstOrDefault(tx => tx.GetHash() == breach.DisputeTxid);
        }
        catch (BitcoindException e)
        {
            // The appointment stays stored and watched; it is not lost, only not answered early.
            LogDisputeUnavailable(e, breach.DisputeTxid, breach.BlockHash);
            return null;
        }
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Could not fetch dispute {DisputeTxid} from block {BlockHash}")]
    private partial void LogDisputeUnavailable(Exception e, uint256 disputeTxid, uint256 blockHash);
}

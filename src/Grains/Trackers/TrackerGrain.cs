using Microsoft.Extensions.Logging;
using NBitcoin;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// The Responder for one triggered appointment (spec 4.4). It remembers the last block it applied, so a block the
/// feed replays (after a crash, or from a second activation during a failover) changes nothing twice; a broadcast
/// repeated around such a replay is harmless (bitcoind answers a known transaction as accepted).
/// </summary>
[GrainType("tracker")]
public sealed partial class TrackerGrain(
    [PersistentState("tracker", StorageProviders.State)] IPersistentState<TrackerState> state,
    Carrier carrier,
    BreachOutcomes outcomes,
    ILogger<TrackerGrain> logger) : Grain, ITrackerGrain
{
    public async Task<TrackerStatus?> Start(TrackerStart start)
    {
        if (state.RecordExists)
            return state.State.Status;

        var penalty = BitcoinWire.ParseTransaction(start.PenaltyTx);
        var status = start.ConfirmedAt is { } minedAt
            ? TrackerStatus.ConfirmedIn(minedAt)
            : Responder.StatusAfterBroadcast(await carrier.SendAsync(penalty, null, CancellationToken.None), start.CarrierHeight);
        if (status is not { } accepted)
            return null;

        state.State = new TrackerState
        {
            UserId = start.UserId,
            Locator = start.Locator,
            Profile = start.Profile,
            DisputeTx = start.DisputeTx,
            PenaltyTx = start.PenaltyTx,
            Status = accepted,
        };
        await state.WriteStateAsync();
        return accepted;
    }

    public async Task<TrackerStep> OnBlockConnected(TrackerBlock block)
    {
        if (!state.RecordExists)
            return new TrackerStep(TrackerFate.Gone, default);
        var tracker = state.State;
        if (tracker.LastBlockHash == block.Hash)
            return new TrackerStep(TrackerFate.Active, tracker.Status);

        TrackerStatus? next = tracker.Status;
        switch (Responder.OnBlockConnected(tracker, block.Height, block.HoldsPenalty))
        {
            case TrackerAction.Confirm:
                next = TrackerStatus.ConfirmedIn(block.Height);
                LogConfirmed(Uuid, PenaltyTxid, block.Height);
                break;
            case TrackerAction.Complete:
                LogCompleted(Uuid, PenaltyTxid, tracker.Status.Height, block.Height);
                return await LeaveAsync(ReleaseKind.Refund, TrackerFate.Completed);
            case TrackerAction.Rebroadcast:
                LogRebroadcast(Uuid, PenaltyTxid, tracker.Status.Height);
                next = Responder.StatusAfterBroadcast(await SendAsync(tracker.PenaltyTx, block), block.Height);
                break;
            case TrackerAction.ResendAfterReorg:
                next = await ResendAfterReorgAsync(tracker, block);
                break;
            case TrackerAction.Wait:
                break;
        }

        if (next is not { } status)
        {
            outcomes.ResendRejected(Uuid, tracker, PenaltyTxid, block.Height);
            return await LeaveAsync(ReleaseKind.Burn, TrackerFate.Dropped);
        }

        // A reorged tracker was either confirmed by this block or re-sent in it: either way it is followed afresh.
        state.State = tracker with { Status = status, Reorged = false, LastBlockHeight = block.Height, LastBlockHash = block.Hash };
        await state.WriteStateAsync();
        return new TrackerStep(TrackerFate.Active, status);
    }

    public async Task OnBlockDisconnected(uint height, uint256 blockHash)
    {
        if (!state.RecordExists || state.State.Reorged || !Responder.IsReorgedBy(state.State, height))
            return;
        LogReorged(Uuid, PenaltyTxid, height);
        state.State = state.State with { Reorged = true };
        await state.WriteStateAsync();
    }

    public Task<TrackerView?> GetView()
    {
        if (!state.RecordExists)
            return Task.FromResult<TrackerView?>(null);
        var tracker = state.State;
        var dispute = BitcoinWire.ParseTransaction(tracker.DisputeTx);
        return Task.FromResult<TrackerView?>(new TrackerView(
            tracker.UserId, tracker.Locator, dispute.GetHash(), PenaltyTxid, tracker.PenaltyTx, tracker.Status));
    }

    public async Task Drop()
    {
        if (state.RecordExists)
            await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private string Uuid => TowerKey.Split(this.GetPrimaryKeyString()).Id;

    private uint256 PenaltyTxid => BitcoinWire.ParseTransaction(state.State.PenaltyTx).GetHash();

    /// <summary>Spec 4.6: the dispute goes first; if bitcoind takes it (or has it), the penalty follows.</summary>
    private async Task<TrackerStatus?> ResendAfterReorgAsync(TrackerState tracker, TrackerBlock block)
    {
        var dispute = await SendAsync(tracker.DisputeTx, block);
        if (!Responder.ResendPenaltyAfter(dispute))
        {
            LogDisputeGone(Uuid, block.Height);
            return null;
        }

        return Responder.StatusAfterResend(await SendAsync(tracker.PenaltyTx, block), block.Height);
    }

    private Task<CarrierOutcome> SendAsync(byte[] transaction, TrackerBlock block) =>
        carrier.SendAsync(BitcoinWire.ParseTransaction(transaction), block.Hash, CancellationToken.None);

    /// <summary>The owner takes the appointment off its books first, so a crash in between repeats the release, never loses it.</summary>
    private async Task<TrackerStep> LeaveAsync(ReleaseKind release, TrackerFate fate)
    {
        var (tower, id) = TowerKey.Split(this.GetPrimaryKeyString());
        var owner = GrainFactory.GetGrain<IUserGrain>(tower.Scope(state.State.UserId.ToHex()));
        await owner.Release(AppointmentUuid.ParseHex(id), release);
        var status = state.State.Status;
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return new TrackerStep(fate, status);
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Penalty {PenaltyTxid} of {Uuid} confirmed in block {Height}")]
    private partial void LogConfirmed(string uuid, uint256 penaltyTxid, uint height);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information,
        Message = "Penalty {PenaltyTxid} of {Uuid} irrevocably resolved (confirmed at {ConfirmedAt}, now {Height}): tracker completed, slots refunded")]
    private partial void LogCompleted(string uuid, uint256 penaltyTxid, uint confirmedAt, uint height);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Penalty {PenaltyTxid} of {Uuid} unconfirmed since {Height}: rebroadcasting")]
    private partial void LogRebroadcast(string uuid, uint256 penaltyTxid, uint height);


    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Dispute of {Uuid} rejected after a reorg (height {Height}): dropping its tracker")]
    private partial void LogDisputeGone(string uuid, uint height);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Block {Height} holding penalty {PenaltyTxid} of {Uuid} left the chain: re-sending next block")]
    private partial void LogReorged(string uuid, uint256 penaltyTxid, uint height);
}

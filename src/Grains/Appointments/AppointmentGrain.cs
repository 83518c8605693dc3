using Microsoft.Extensions.DependencyInjection;
using NBitcoin;
using Orleans.Placement;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Appointments;

/// <summary>
/// One appointment (spec 4.3), activated only when its row is read or changed: an update, a get_appointment, a
/// breach. A new appointment's row is written by its owner's grain (<see cref="IdOf"/> names the row), so this grain
/// reads its row afresh on every call rather than keeping it: the row may have been deleted and written again since.
/// Collected soon after use: appointments are many, and most are never read again.
/// </summary>
[GrainType(TypeName)]
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class AppointmentGrain(
    [FromKeyedServices(StorageProviders.Appointments)] IGrainStorage storage,
    IBitcoinNode node,
    BreachOutcomes outcomes) : Grain, IAppointmentGrain
{
    private const string TypeName = "appointment";

    private readonly GrainState<AppointmentState> _row = new(new AppointmentState());
    private TowerKey _tower;
    private AppointmentUuid _uuid;

    private bool Stored => _row.RecordExists;

    /// <summary>The grain id, and so the row, of the appointment with the tower-scoped <paramref name="key"/>.</summary>
    public static GrainId IdOf(string key) => GrainId.Create(TypeName, key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tower, var id) = TowerKey.Split(this.GetPrimaryKeyString());
        _uuid = AppointmentUuid.ParseHex(id);
        return Task.CompletedTask;
    }

    public async Task<bool> IsTriggered()
    {
        await LoadAsync();
        return Stored && _row.State!.Triggered;
    }

    public async Task<bool> Update(AppointmentState appointment)
    {
        await LoadAsync();
        if (Stored && _row.State!.Triggered)
            return false;

        _row.State = appointment;
        await storage.WriteStateAsync(StorageProviders.Appointments, this.GetGrainId(), _row);
        return true;
    }

    public async Task<AppointmentView?> GetView()
    {
        await LoadAsync();
        if (!Stored)
            return null;
        if (!_row.State!.Triggered)
            return new AppointmentView(_row.State, null);
        var tracker = await Tracker.GetView();
        return tracker is null ? null : new AppointmentView(null, tracker);
    }

    public async Task<BreachOutcome> OnBreach(Breach breach)
    {
        await LoadAsync();
        return Stored ? await RespondAsync(breach) : BreachOutcome.Gone();
    }

    public async Task<BreachOutcome> OnRecentBreach(RecentBreach breach, uint towerHeight)
    {
        await LoadAsync();
        if (!Stored)
            return BreachOutcome.Gone();
        var block = await node.GetBlockAsync(breach.BlockHash, CancellationToken.None);
        var dispute = block.Transactions.FirstOrDefault(tx => tx.GetHash() == breach.DisputeTxid)
            ?? throw new BitcoindReplyException($"Block {breach.BlockHash} does not hold transaction {breach.DisputeTxid}");
        // The cache path's penalty counts from the tower's height, not the breach block's (spec 4.4).
        return await RespondAsync(new Breach(dispute.ToBytes(), breach.BlockHash, breach.Height, towerHeight, LookUpConfirmation: false));
    }

    /// <summary>Spec 4.3 step 3 for this appointment: open the blob and hand the penalty to the tracker, or drop it.</summary>
    private async Task<BreachOutcome> RespondAsync(Breach breach)
    {
        var appointment = _row.State!;
        var dispute = BitcoinWire.ParseTransaction(breach.DisputeTx);
        var late = !breach.LookUpConfirmation;
        if (!Watcher.TryOpenPenalty(appointment, dispute.GetHash(), out var penalty))
        {
            outcomes.Undecryptable(_uuid, appointment, dispute.GetHash(), breach.Height);
            return await DropAsync(appointment);
        }

        var penaltyTxid = penalty.GetHash();
        uint? confirmedAt = breach.LookUpConfirmation
            ? await GrainFactory.GetGrain<IBlockFeedGrain>(0).FindConfirmation(penaltyTxid)
            : null;
        var status = await Tracker.Start(new TrackerStart(
            appointment.UserId, appointment.Locator, appointment.Profile, breach.DisputeTx, penalty.ToBytes(),
            breach.CarrierHeight, confirmedAt));
        outcomes.Answered(_uuid, appointment, dispute.GetHash(), penaltyTxid, status, late ? breach.CarrierHeight : breach.Height, late);
        if (status is null)
            return await DropAsync(appointment);

        if (!appointment.Triggered)
        {
            _row.State = appointment with { Triggered = true };
            await storage.WriteStateAsync(StorageProviders.Appointments, this.GetGrainId(), _row);
            // The feed re-reads the triggered rows only when told; this may be a block it did not run itself.
            await GrainFactory.GetGrain<IBlockFeedGrain>(0).TrackerStarted();
        }

        return new BreachOutcome(BreachResult.Triggered, appointment.UserId, penaltyTxid);
    }

    /// <summary>Invalid blob or rejected penalty: the owner deletes the row and keeps the slots spent (spec 4.5).</summary>
    private async Task<BreachOutcome> DropAsync(AppointmentState appointment)
    {
        await GrainFactory.GetGrain<IUserGrain>(_tower.Scope(appointment.UserId.ToHex())).Release(_uuid, ReleaseKind.Burn);
        _row.RecordExists = false;
        DeactivateOnIdle();
        return new BreachOutcome(BreachResult.Invalid, appointment.UserId, null);
    }

    private ITrackerGrain Tracker => GrainFactory.GetGrain<ITrackerGrain>(this.GetPrimaryKeyString());

    private Task LoadAsync() => storage.ReadStateAsync(StorageProviders.Appointments, this.GetGrainId(), _row);

}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>
/// A user's Gatekeeper (spec 4.2). Its turns are not interleaved, so the user's appointments are admitted one at a
/// time and slots are charged exactly; reads interleave. On activation it loads its row and its appointments' sizes
/// (used slots are derived from them); after that an add_appointment reads nothing and writes one row. A new
/// appointment's row is written here, not by its appointment grain: activating a grain for each of many appointments
/// that are mostly never read again cost more than the write (docs/PERFORMANCE.md, issue 19).
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("user", StorageProviders.Users)] IPersistentState<UserState> state,
    [FromKeyedServices(StorageProviders.Appointments)] IGrainStorage appointments,
    IGatekeeperRows rows,
    ChainTipCache chain,
    IOptions<SubscriptionOptions> subscriptions,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private Gatekeeper _gatekeeper = null!;
    private TowerKey _tower;
    private UserId _userId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tower, var id) = TowerKey.Split(this.GetPrimaryKeyString());
        _userId = UserId.ParseHex(id);
        var owned = state.RecordExists ? await rows.GetUserAppointmentsAsync(_tower, _userId, cancellationToken) : [];
        _gatekeeper = new Gatekeeper(subscriptions.Value, state.RecordExists ? state.State : null, owned);
    }

    public async Task<Subscription?> Register(ClientProfile profile)
    {
        var registered = _gatekeeper.Register(profile, chain.Current.Height);
        if (registered is null)
            return null;
        state.State = registered;
        await state.WriteStateAsync();
        LogRegistered(_userId, profile, _gatekeeper.AvailableSlots, registered.SubscriptionExpiry);
        return _gatekeeper.Snapshot(_userId);
    }

    public async Task<AddAppointmentOutcome> AddAppointment(AppointmentSubmission submission)
    {
        var height = chain.Current.Height;
        var uuid = AppointmentUuid.Compute(submission.Locator, _userId);
        var key = _tower.Scope(uuid.ToHex());
        var isNew = !_gatekeeper.Owns(uuid);
        var triggered = !isNew && await GrainFactory.GetGrain<IAppointmentGrain>(key).IsTriggered();
        var admission = _gatekeeper.Admit(uuid, submission.EncryptedBlob.Length, height, triggered);
        if (admission.Failure is { } failure)
            return AddAppointmentOutcome.Refused(failure, admission.Expiry, _gatekeeper.State?.Profile ?? ClientProfile.Rust);

        // Registered with its bucket before it is written: every stored appointment is watched (DESIGN.md section 3).
        var profile = state.State.Profile;
        var bucket = GrainFactory.GetGrain<ILocatorBucketGrain>(_tower.Scope(LocatorBucket.Of(submission.Locator).ToString()));
        var recentBreach = await bucket.Watch(submission.Locator, profile);
        var stored = new AppointmentState
        {
            Locator = submission.Locator,
            EncryptedBlob = submission.EncryptedBlob,
            ToSelfDelay = submission.ToSelfDelay,
            UserSignature = submission.UserSignature,
            StartBlock = height,
            UserId = _userId,
            Profile = profile,
        };
        // No row has this uuid, so no appointment grain writes it meanwhile; an update goes through the grain, which
        // serializes it with the breach that may trigger the row.
        if (isNew)
            await appointments.WriteStateAsync(StorageProviders.Appointments, AppointmentGrain.IdOf(key), new GrainState<AppointmentState>(stored));
        else if (!await GrainFactory.GetGrain<IAppointmentGrain>(key).Update(stored))
            return AddAppointmentOutcome.Refused(AppointmentFailure.AlreadyTriggered, profile: profile);

        _gatekeeper.Book(uuid, admission.Cost);
        LogAppointmentAccepted(_userId, submission.Locator, uuid, height, _gatekeeper.AvailableSlots);
        return new AddAppointmentOutcome(
            null, height, _gatekeeper.AvailableSlots, state.State.SubscriptionExpiry, profile, recentBreach);
    }

    public Task<Subscription?> GetSubscription() => Task.FromResult(_gatekeeper.Snapshot(_userId));

    public async Task<AccessResult<SubscriptionInfo>> GetSubscriptionInfo()
    {
        if (Denied<SubscriptionInfo>() is { } denied)
            return denied;
        var owned = await rows.GetUserAppointmentsAsync(_tower, _userId, CancellationToken.None);
        return AccessResult<SubscriptionInfo>.Granted(
            new SubscriptionInfo(_gatekeeper.Snapshot(_userId)!, owned.Select(o => o.Locator).ToArray()), state.State.Profile);
    }

    public async Task<AccessResult<AppointmentView>> GetAppointment(Locator locator)
    {
        if (Denied<AppointmentView>() is { } denied)
            return denied;
        var uuid = AppointmentUuid.Compute(locator, _userId);
        var view = _gatekeeper.Owns(uuid)
            ? await GrainFactory.GetGrain<IAppointmentGrain>(_tower.Scope(uuid.ToHex())).GetView()
            : null;
        return AccessResult<AppointmentView>.Granted(view, state.State.Profile);
    }

    public async Task Release(AppointmentUuid uuid, ReleaseKind kind)
    {
        if (!_gatekeeper.Owns(uuid))
            return;
        var burned = _gatekeeper.Release(uuid, kind);
        if (burned is not null)
            await rows.BurnAsync(_tower, _userId, uuid, burned, CancellationToken.None);
        else
            await rows.DeleteAppointmentAsync(_tower, uuid, CancellationToken.None);
        state.State = _gatekeeper.State!;
        LogReleased(_userId, uuid, kind, _gatekeeper.AvailableSlots);
    }

    public async Task<bool> Outdate(uint height)
    {
        if (!_gatekeeper.IsOutdatedAt(height))
            return false;
        await state.ClearStateAsync();
        LogOutdated(_userId, height, _gatekeeper.AppointmentCount);
        _gatekeeper.Clear();
        DeactivateOnIdle();
        return true;
    }

    private AccessResult<T>? Denied<T>()
        where T : class
    {
        if (_gatekeeper.State is not { } user)
            return AccessResult<T>.Denied(AccessFailure.AuthenticationFailed);
        return _gatekeeper.IsExpiredAt(chain.Current.Height)
            ? AccessResult<T>.Denied(AccessFailure.SubscriptionExpired, user.SubscriptionExpiry, user.Profile)
            : null;
    }

    // The operator's Information lines for registrations and appointments are the API's (RequestTelemetry): a second
    // one here per appointment doubled the logging cost in the ingest profile (docs/PERFORMANCE.md, issue 19).
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug,
        Message = "User {UserId} registered ({Profile}): {AvailableSlots} slots, expires at {Expiry}")]
    private partial void LogRegistered(UserId userId, ClientProfile profile, uint availableSlots, uint expiry);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug,
        Message = "Appointment accepted: user {UserId}, locator {Locator}, uuid {Uuid}, start block {StartBlock}, {AvailableSlots} slots left")]
    private partial void LogAppointmentAccepted(UserId userId, Locator locator, AppointmentUuid uuid, uint startBlock, uint availableSlots);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Appointment {Uuid} of user {UserId} released ({Kind}): {AvailableSlots} slots available")]
    private partial void LogReleased(UserId userId, AppointmentUuid uuid, ReleaseKind kind, uint availableSlots);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "User {UserId} outdated at height {Height}: deleted with its {Appointments} appointments")]
    private partial void LogOutdated(UserId userId, uint height, int appointments);
}

using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.TestSupport;
using Xunit;

namespace Teos.Grains.Tests.Users;

/// <summary>The Gatekeeper's rules for one user (spec 4.2), each by name.</summary>
public class GatekeeperTests
{
    private static readonly SubscriptionOptions Options = new() { SubscriptionSlots = 10_000, SubscriptionDuration = 4_320, ExpiryDelta = 6 };

    public static IEnumerable<object[]> SlotUpdates => SpecVectors.Rows("slot_updates");

    [Fact]
    public void A_new_user_gets_the_configured_slots_from_the_current_height()
    {
        var gatekeeper = new Gatekeeper(Options);

        var state = gatekeeper.Register(ClientProfile.Rust, 200)!;

        Assert.Equal(10_000u, gatekeeper.AvailableSlots);
        Assert.Equal((200u, 4_520u, ClientProfile.Rust), (state.SubscriptionStart, state.SubscriptionExpiry, state.Profile));
    }

    [Fact]
    public void Renewal_adds_slots_and_extends_the_old_expiry_keeping_the_start()
    {
        var gatekeeper = Registered(slots: 3, start: 200, expiry: 4_520);

        var state = gatekeeper.Register(ClientProfile.Rust, 5_000)!;

        Assert.Equal(10_003u, gatekeeper.AvailableSlots);
        Assert.Equal((200u, 8_840u), (state.SubscriptionStart, state.SubscriptionExpiry));
    }

    [Fact]
    public void Renewal_that_would_overflow_the_slot_counter_is_refused_and_changes_nothing()
    {
        var gatekeeper = Registered(slots: uint.MaxValue - 9_999);

        Assert.Null(gatekeeper.Register(ClientProfile.Rust, 300));
        Assert.Equal(uint.MaxValue - 9_999, gatekeeper.AvailableSlots);
    }

    [Fact]
    public void Renewal_saturates_the_expiry_at_u32_max()
    {
        var gatekeeper = Registered(expiry: uint.MaxValue - 1);

        Assert.Equal(uint.MaxValue, gatekeeper.Register(ClientProfile.Rust, 300)!.SubscriptionExpiry);
    }

    [Fact]
    public void Registering_through_the_other_client_form_switches_the_profile()
    {
        var gatekeeper = Registered(profile: ClientProfile.Rust);

        Assert.Equal(ClientProfile.Python, gatekeeper.Register(ClientProfile.Python, 300)!.Profile);
    }

    [Fact]
    public void A_subscription_expires_at_its_expiry_height()
    {
        var gatekeeper = Registered(expiry: 4_520);

        Assert.False(gatekeeper.IsExpiredAt(4_519));
        Assert.True(gatekeeper.IsExpiredAt(4_520));
    }

    [Fact]
    public void Users_are_outdated_at_expiry_plus_expiry_delta()
    {
        var gatekeeper = Registered(expiry: 4_520);

        Assert.False(gatekeeper.IsOutdatedAt(4_525));
        Assert.True(gatekeeper.IsOutdatedAt(4_526));
    }

    [Fact]
    public void The_deletion_height_of_a_saturated_expiry_does_not_wrap()
    {
        var gatekeeper = Registered(expiry: uint.MaxValue - 1);

        var state = gatekeeper.Register(ClientProfile.Rust, 300)!;

        Assert.Equal((long)uint.MaxValue + 6, state.DeletionHeight);
        Assert.False(gatekeeper.IsOutdatedAt(uint.MaxValue));
    }

    [Fact]
    public void A_new_appointment_is_charged_its_slots()
    {
        var gatekeeper = Registered(slots: 10);

        var admission = gatekeeper.Admit(Uuid(1), 300, height: 300, triggered: false);
        gatekeeper.Book(Uuid(1), admission.Cost);

        Assert.True(admission.IsAccepted);
        Assert.Equal(9u, gatekeeper.AvailableSlots);
    }

    [Fact]
    public void An_update_charges_no_new_slot()
    {
        var gatekeeper = Registered(slots: 10);
        gatekeeper.Book(Uuid(1), gatekeeper.Admit(Uuid(1), 300, 300, false).Cost);

        gatekeeper.Book(Uuid(1), gatekeeper.Admit(Uuid(1), 500, 300, triggered: false).Cost);

        Assert.Equal(9u, gatekeeper.AvailableSlots);
    }

    [Fact]
    public void An_update_to_a_smaller_blob_refunds_the_difference()
    {
        var gatekeeper = Registered(slots: 5);
        gatekeeper.Book(Uuid(1), gatekeeper.Admit(Uuid(1), 4_097, 300, false).Cost);

        gatekeeper.Book(Uuid(1), gatekeeper.Admit(Uuid(1), 10, 300, false).Cost);

        Assert.Equal(4u, gatekeeper.AvailableSlots);
    }

    [Theory]
    [MemberData(nameof(SlotUpdates))]
    public void Slot_updates_follow_the_vectors(VectorRow row)
    {
        var entry = row.Entry;
        var before = (uint)row.Num("available_slots_before");
        var existing = entry.GetProperty("existing_blob_len").ValueKind == System.Text.Json.JsonValueKind.Null
            ? (int?)null
            : entry.GetProperty("existing_blob_len").GetInt32();
        // The allowance is what is available plus what the existing appointment costs (used slots are derived).
        var allowance = before + (existing is { } e ? SlotCost.Of(e) : 0);
        var gatekeeper = new Gatekeeper(Options, State(allowance),
            existing is { } length ? [new OwnedAppointment(Uuid(1), Locator(1), length, false)] : []);

        var admission = gatekeeper.Admit(Uuid(1), (int)row.Num("new_blob_len"), 300, triggered: false);
        if (admission.IsAccepted)
            gatekeeper.Book(Uuid(1), admission.Cost);

        Assert.Equal(entry.GetProperty("accepted").GetBoolean(), admission.IsAccepted);
        Assert.Equal((uint)row.Num("available_slots_after"), gatekeeper.AvailableSlots);
    }

    [Fact]
    public void An_empty_blob_costs_nothing_even_without_slots()
    {
        var gatekeeper = Registered(slots: 0);

        Assert.True(gatekeeper.Admit(Uuid(1), 0, 300, false).IsAccepted);
    }

    [Fact]
    public void Without_enough_slots_the_appointment_is_refused()
    {
        var gatekeeper = Registered(slots: 1);

        Assert.Equal(AppointmentFailure.NotEnoughSlots, gatekeeper.Admit(Uuid(1), 2_049, 300, false).Failure);
    }

    [Fact]
    public void An_expired_subscription_is_refused_before_anything_else()
    {
        var gatekeeper = Registered(slots: 0, expiry: 300);

        var admission = gatekeeper.Admit(Uuid(1), 5_000, height: 300, triggered: true);

        Assert.Equal((AppointmentFailure.SubscriptionExpired, 300u), (admission.Failure, admission.Expiry));
    }

    [Fact]
    public void An_appointment_already_triggered_cannot_be_updated()
    {
        var gatekeeper = Registered();

        Assert.Equal(AppointmentFailure.AlreadyTriggered, gatekeeper.Admit(Uuid(1), 300, 300, triggered: true).Failure);
    }

    [Fact]
    public void An_unregistered_signer_is_refused_as_unauthenticated()
    {
        Assert.Equal(AppointmentFailure.AuthenticationFailed, new Gatekeeper(Options).Admit(Uuid(1), 300, 300, false).Failure);
    }

    [Fact]
    public void Used_slots_are_derived_from_the_rows_the_user_owns()
    {
        OwnedAppointment[] rows = [new(Uuid(1), Locator(1), 300, false), new(Uuid(2), Locator(2), 2_049, true)];

        var gatekeeper = new Gatekeeper(Options, State(allowance: 10), rows);

        Assert.Equal(7u, gatekeeper.AvailableSlots);
        Assert.Equal(2, gatekeeper.AppointmentCount);
    }

    [Fact]
    public void A_completed_tracker_refunds_its_slots()
    {
        var gatekeeper = new Gatekeeper(Options, State(allowance: 10), [new OwnedAppointment(Uuid(1), Locator(1), 300, true)]);

        var burned = gatekeeper.Release(Uuid(1), ReleaseKind.Refund);

        Assert.Null(burned);
        Assert.Equal(10u, gatekeeper.AvailableSlots);
    }

    [Fact]
    public void An_invalid_blob_burns_its_slots()
    {
        var gatekeeper = new Gatekeeper(Options, State(allowance: 10), [new OwnedAppointment(Uuid(1), Locator(1), 300, false)]);

        var burned = gatekeeper.Release(Uuid(1), ReleaseKind.Burn);

        Assert.Equal(9, burned!.SlotAllowance);
        Assert.Equal(9u, gatekeeper.AvailableSlots);
        Assert.False(gatekeeper.Owns(Uuid(1)));
    }

    [Fact]
    public void A_burned_uuid_sent_again_is_charged_again()
    {
        var gatekeeper = new Gatekeeper(Options, State(allowance: 10), [new OwnedAppointment(Uuid(1), Locator(1), 300, false)]);
        gatekeeper.Release(Uuid(1), ReleaseKind.Burn);

        gatekeeper.Book(Uuid(1), gatekeeper.Admit(Uuid(1), 300, 300, false).Cost);

        Assert.Equal(8u, gatekeeper.AvailableSlots);
    }

    [Fact]
    public void Releasing_an_appointment_the_user_does_not_own_changes_nothing()
    {
        var gatekeeper = Registered(slots: 10);

        Assert.Null(gatekeeper.Release(Uuid(9), ReleaseKind.Burn));
        Assert.Equal(10u, gatekeeper.AvailableSlots);
    }

    private static Gatekeeper Registered(
        uint slots = 100, uint start = 200, uint expiry = 4_520, ClientProfile profile = ClientProfile.Rust) =>
        new(Options, State(slots, start, expiry, profile));

    private static UserState State(
        long allowance = 100, uint start = 200, uint expiry = 4_520, ClientProfile profile = ClientProfile.Rust) =>
        new()
        {
            Profile = profile,
            SlotAllowance = allowance,
            SubscriptionStart = start,
            SubscriptionExpiry = expiry,
            DeletionHeight = (long)expiry + Options.ExpiryDelta,
        };

    private static AppointmentUuid Uuid(byte n) => AppointmentUuid.FromBytes(Enumerable.Repeat(n, AppointmentUuid.Size).ToArray());

    private static Locator Locator(byte n) => Protocol.Appointments.Locator.FromBytes(Enumerable.Repeat(n, Protocol.Appointments.Locator.Size).ToArray());
}

namespace Teos.Grains.Appointments;

/// <summary>Expected ways an add_appointment can be refused (spec 3.4); mapped to protocol codes by the API.</summary>
public enum AppointmentFailure
{
    /// <summary>Unrecoverable signature or unknown user (401/7).</summary>
    AuthenticationFailed,

    /// <summary>Subscription expired (401/7 with the expiry height).</summary>
    SubscriptionExpired,

    /// <summary>The user's appointment for this locator is already a tracker (400/35).</summary>
    AlreadyTriggered,

    /// <summary>Not enough slots for the blob (401/7).</summary>
    NotEnoughSlots,

    /// <summary>to_self_delay below min_to_self_delay (python-teos rule; 400/33).</summary>
    ToSelfDelayTooSmall,

    /// <summary>The optional tower-wide appointment cap is reached (python-teos rule; 503/32).</summary>
    TowerFull,
}

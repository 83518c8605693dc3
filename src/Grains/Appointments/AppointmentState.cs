using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>
/// An appointment row (spec 4.3) as its grain persists it (typed, compact, group-committed). The tower and the
/// uuid are the grain's key. The profile is copied from the owner when accepted, so a later re-registration never
/// changes how a stored appointment is matched and decrypted (spec 9).
/// </summary>
[GenerateSerializer, Alias("teos.appointment.v1")]
public sealed record AppointmentState
{
    [Id(0)] public Locator Locator { get; init; }

    [Id(1)] public byte[] EncryptedBlob { get; init; } = [];

    [Id(2)] public uint ToSelfDelay { get; init; }

    /// <summary>The user's zbase32 signature exactly as received (the receipt signs its text).</summary>
    [Id(3)] public string UserSignature { get; init; } = "";

    [Id(4)] public uint StartBlock { get; init; }

    [Id(5)] public UserId UserId { get; init; }

    [Id(6)] public ClientProfile Profile { get; init; }

    /// <summary>Its breach was answered: a tracker with the same uuid follows the penalty; no longer watched.</summary>
    [Id(7)] public bool Triggered { get; init; }
}

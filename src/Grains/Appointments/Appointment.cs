using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>
/// One user's appointment for one locator (spec 4.3). The profile is copied from the owner when accepted, so
/// later re-registrations never change how an already stored appointment is matched and decrypted (spec 9).
/// </summary>
public sealed record Appointment(
    AppointmentUuid Uuid,
    Locator Locator,
    byte[] EncryptedBlob,
    uint ToSelfDelay,
    string UserSignature,
    uint StartBlock,
    UserId UserId,
    ClientProfile Profile);

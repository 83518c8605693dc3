using Teos.Protocol.Appointments;

namespace Teos.Grains.Appointments;

/// <summary>A decoded add_appointment request; <see cref="UserSignature"/> is kept exactly as received (spec 2.3).</summary>
[GenerateSerializer, Immutable, Alias("teos.appointment-submission")]
public sealed record AppointmentSubmission(Locator Locator, byte[] EncryptedBlob, uint ToSelfDelay, string UserSignature)
{
    public byte[] SignedBytes() => AppointmentSerialization.Serialize(Locator, EncryptedBlob, ToSelfDelay);
}

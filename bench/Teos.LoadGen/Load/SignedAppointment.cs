using Teos.LoadGen.Http;
using Teos.Protocol.Appointments;

namespace Teos.LoadGen.Load;

/// <summary>A pre-signed add_appointment request and what the user expects the tower to keep.</summary>
public sealed record SignedAppointment(BenchUser User, Locator Locator, byte[] Blob, uint ToSelfDelay, string UserSignature, RawRequest Request)
{
    public int SlotCost => (Blob.Length + 2047) / 2048;
}


namespace Teos.Protocol.Users;

/// <summary>
/// The exact bytes a user signs for requests after registration (spec 1.8). add_appointment signs the
/// appointment serialization (<see cref="Appointments.AppointmentSerialization"/>).
/// </summary>
public static class UserRequestMessages
{
    private const string GetAppointmentPrefix = "get appointment ";

    public static ReadOnlySpan<byte> GetSubscriptionInfo => "get subscription info"u8;

    /// <summary>
    /// "get appointment " + the locator text. rust-teos signs the lowercase hex (pass <c>locator.ToHex()</c>);
    /// python-teos clients sign the string exactly as they sent it (spec 9).
    /// </summary>
    public static byte[] GetAppointment(string locatorText)
    {
        // Latin-1 maps each char to one byte; a locator that passed hex validation is ASCII.
        var bytes = new byte[GetAppointmentPrefix.Length + locatorText.Length];
        System.Text.Encoding.ASCII.GetBytes(GetAppointmentPrefix, bytes);
        System.Text.Encoding.Latin1.GetBytes(locatorText, bytes.AsSpan(GetAppointmentPrefix.Length));
        return bytes;
    }
}

using System.Net;
using System.Net.Sockets;
using Teos.Grains.Tower;
using Teos.Protocol.Admin;
using Teos.Protocol.Encoding;

namespace Teos.Api.Admin;

/// <summary>Domain records → the JSON shapes teos-cli prints (spec 5.1): bytes as hex, txids in display order.</summary>
internal static class AdminRendering
{
    /// <summary><c>AppointmentData</c> flattened: a tracker once the breach was answered, else the appointment.</summary>
    public static object ToJson(AppointmentRecord record)
    {
        var appointment = record.Appointment;
        if (record.Tracker is { } tracker)
        {
            return new AdminTracker(
                tracker.DisputeTxid.ToString(),
                tracker.PenaltyTxid.ToString(),
                Hex.Encode(tracker.PenaltyRawTx),
                record.Uuid.ToHex(),
                appointment.UserId.ToHex(),
                appointment.Locator.ToHex());
        }

        return new AdminAppointment(
            appointment.Locator.ToHex(), Hex.Encode(appointment.EncryptedBlob), appointment.ToSelfDelay, record.Uuid.ToHex(),
            appointment.UserId.ToHex());
    }

    public static AppointmentsPage ToJson(Page<AppointmentRecord> page) =>
        new([.. page.Items.Select(ToJson)], page.HasMore ? page.Items[^1].Uuid.ToHex() : null);

    public static UsersPage ToJson(Page<Protocol.Users.UserId> page) =>
        new([.. page.Items.Select(id => id.ToHex())], page.HasMore ? page.Items[^1].ToHex() : null);

    public static UserResponse ToJson(UserDetails user) => new(
        user.Subscription.AvailableSlots,
        user.Subscription.Expiry,
        [.. user.Appointments.Select(uuid => uuid.ToHex())],
        user.Subscription.Start,
        [.. user.Locators.Select(locator => locator.ToHex())]);

    public static TowerInfoResponse ToJson(TowerInfo info, IPEndPoint? publicEndPoint) => new(
        info.TowerId.ToHex(),
        info.Counts.Users,
        info.Counts.WatchedAppointments,
        info.Counts.Trackers,
        info.BitcoindReachable,
        publicEndPoint is null ? [] : [ToJson(publicEndPoint)],
        info.Tip.IsKnown ? info.Tip.Height : null,
        info.Tip.Hash?.ToString(),
        info.FeedIsHere);

    private static NetworkAddressData ToJson(IPEndPoint endPoint) => new(
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? NetworkAddressData.IpV6 : NetworkAddressData.IpV4,
        endPoint.Address.ToString(),
        endPoint.Port);
}

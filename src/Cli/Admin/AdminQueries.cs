using Google.Protobuf;
using NBitcoin;
using Teos.Cli.Admin.Json;
using Teos.Protocol.Encoding;
using Teos.Rpc.Admin.V1;

namespace Teos.Cli.Admin;

/// <summary>
/// The admin calls teos-cli makes, each answer read as the JSON records it prints (spec 5.1's rendering: bytes as
/// hex, txids and hashes in display order). Listings follow Teos' pages to the end: teos-cli prints whole
/// listings, as rust-teos' does, however large.
/// </summary>
internal static class AdminQueries
{
    private const uint PageSize = 1000;

    /// <param name="locator">Empty for every appointment, else the 16-byte locator whose appointments (of every user) are wanted.</param>
    public static async Task<List<object>> AppointmentsAsync(AdminConnection connection, ByteString locator, CancellationToken cancellationToken)
    {
        var rows = new List<object>();
        var after = ByteString.Empty;
        do
        {
            var request = new ListAppointmentsRequest { PageSize = PageSize, After = after, Locator = locator };
            var page = await connection.CallAsync("list_appointments", options => connection.Teos.list_appointmentsAsync(request, options), cancellationToken);
            rows.AddRange(page.Appointments.Select(ToJson));
            after = page.Next;
        }
        while (!after.IsEmpty);
        return rows;
    }

    public static async Task<List<string>> UsersAsync(AdminConnection connection, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var after = ByteString.Empty;
        do
        {
            var request = new ListUsersRequest { PageSize = PageSize, After = after };
            var page = await connection.CallAsync("list_users", options => connection.Teos.list_usersAsync(request, options), cancellationToken);
            ids.AddRange(page.UserIds.Select(id => Hex.Encode(id.Span)));
            after = page.Next;
        }
        while (!after.IsEmpty);
        return ids;
    }

    public static async Task<TowerInfoResponse> TowerInfoAsync(AdminConnection connection, CancellationToken cancellationToken)
    {
        var status = await connection.CallAsync(
            "get_tower_status", options => connection.Teos.get_tower_statusAsync(new Google.Protobuf.WellKnownTypes.Empty(), options), cancellationToken);
        var info = status.Info;
        return new TowerInfoResponse(
            Hex.Encode(info.TowerId.Span),
            info.NRegisteredUsers,
            info.NWatcherAppointments,
            info.NResponderTrackers,
            info.BitcoindReachable,
            [.. info.Addresses.Select(address => new NetworkAddressData(AddressType(address), address.Address, (int)address.Port))],
            status.HasTipHeight ? status.TipHeight : null,
            status.HasTipHeight ? new uint256(status.TipHash.Span).ToString() : null,
            status.IsLeader);
    }

    public static async Task<ClusterStatusResponse> ClusterStatusAsync(AdminConnection connection, CancellationToken cancellationToken)
    {
        var status = await connection.CallAsync(
            "get_cluster_status", options => connection.Teos.get_cluster_statusAsync(new Google.Protobuf.WellKnownTypes.Empty(), options), cancellationToken);
        return new ClusterStatusResponse(
            [.. status.Silos.Select(silo => new SiloData(
                silo.Address,
                silo.Generation,
                silo.Status,
                silo.Name,
                silo.HostName,
                silo.StartTime.ToDateTime(),
                silo.LastHeartbeat?.ToDateTime(),
                silo.GatewayPort,
                silo.HostsBlockFeed))],
            status.BlockFeedSilo.Length > 0 ? status.BlockFeedSilo : null,
            status.HasBlockFeedTipHeight ? status.BlockFeedTipHeight : null,
            status.HasBlockFeedTipHeight ? new uint256(status.BlockFeedTipHash.Span).ToString() : null,
            status.AnsweredBy);
    }

    public static async Task<UserResponse> UserAsync(AdminConnection connection, ByteString userId, CancellationToken cancellationToken)
    {
        var uuids = new List<string>();
        var locators = new List<string>();
        UserPage page;
        var after = ByteString.Empty;
        do
        {
            var request = new UserPageRequest { UserId = userId, PageSize = PageSize, After = after };
            page = await connection.CallAsync("get_user", options => connection.Teos.get_userAsync(request, options), cancellationToken);
            uuids.AddRange(page.Appointments.Select(appointment => Hex.Encode(appointment.Uuid.Span)));
            locators.AddRange(page.Appointments.Select(appointment => Hex.Encode(appointment.Locator.Span)));
            after = page.Next;
        }
        while (!after.IsEmpty);
        return new UserResponse(page.AvailableSlots, page.SubscriptionExpiry, uuids, page.SubscriptionStart, locators);
    }

    public static Task StopAsync(AdminConnection connection, CancellationToken cancellationToken) =>
        connection.CallAsync("stop", options => connection.Private.stopAsync(new Google.Protobuf.WellKnownTypes.Empty(), options), cancellationToken);

    /// <summary>A row flattened as spec 5.1 renders <c>AppointmentData</c>, followed by Teos' uuid and owner.</summary>
    private static object ToJson(AppointmentRow row)
    {
        var (uuid, userId, locator) = (Hex.Encode(row.Uuid.Span), Hex.Encode(row.UserId.Span), Hex.Encode(row.Locator.Span));
        if (row.Data.Tracker is { } tracker)
        {
            return new AdminTracker(
                new uint256(tracker.DisputeTxid.Span).ToString(),
                new uint256(tracker.PenaltyTxid.Span).ToString(),
                Hex.Encode(tracker.PenaltyRawtx.Span),
                uuid,
                userId,
                locator);
        }

        var appointment = row.Data.Appointment;
        return new AdminAppointment(locator, Hex.Encode(appointment.EncryptedBlob.Span), appointment.ToSelfDelay, uuid, userId);
    }

    /// <summary>rust-teos' names; an address that parses as IPv6 is shown as such (rust-teos has no IPv6 type).</summary>
    private static string AddressType(Rpc.V2.NetworkAddress address) =>
        address.AddressType == Rpc.V2.NetworkAddress.Types.AddressType.TorV3 ? "torv3"
        : System.Net.IPAddress.TryParse(address.Address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? NetworkAddressData.IpV6
            : NetworkAddressData.IpV4;
}

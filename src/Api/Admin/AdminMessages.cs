using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NBitcoin;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.Common.V2;
using Teos.Rpc.V2;
using RpcUserAppointment = Teos.Rpc.Admin.V1.UserAppointment;

namespace Teos.Api.Admin;

/// <summary>Domain records as the admin messages carry them (spec 5.1): raw bytes, txids and hashes in internal order.</summary>
internal static class AdminMessages
{
    /// <summary><c>AppointmentData</c>: the tracker once the breach was answered, else the watched appointment.</summary>
    public static AppointmentData Data(AppointmentRecord record)
    {
        if (record.Tracker is { } tracker)
        {
            return new AppointmentData
            {
                Tracker = new Tracker
                {
                    DisputeTxid = ByteString.CopyFrom(tracker.DisputeTxid.ToBytes()),
                    PenaltyTxid = ByteString.CopyFrom(tracker.PenaltyTxid.ToBytes()),
                    PenaltyRawtx = ByteString.CopyFrom(tracker.PenaltyRawTx),
                },
            };
        }

        var appointment = record.Appointment;
        return new AppointmentData
        {
            Appointment = new Appointment
            {
                Locator = ByteString.CopyFrom(appointment.Locator.ToArray()),
                EncryptedBlob = ByteString.CopyFrom(appointment.EncryptedBlob),
                ToSelfDelay = appointment.ToSelfDelay,
            },
        };
    }

    public static AppointmentRow Row(AppointmentRecord record) => new()
    {
        Uuid = ByteString.CopyFrom(record.Uuid.Bytes),
        UserId = ByteString.CopyFrom(record.Appointment.UserId.Bytes),
        Locator = ByteString.CopyFrom(record.Appointment.Locator.ToArray()),
        Data = Data(record),
    };

    public static ByteString UserId(Protocol.Users.UserId userId) => ByteString.CopyFrom(userId.Bytes);

    public static ByteString Uuid(Grains.Tower.UserAppointment appointment) => ByteString.CopyFrom(appointment.Uuid.Bytes);

    public static RpcUserAppointment UserAppointment(Grains.Tower.UserAppointment appointment) => new()
    {
        Locator = ByteString.CopyFrom(appointment.Locator.ToArray()),
        Uuid = Uuid(appointment),
    };

    /// <param name="publicEndPoint">The public API's bound address: the one address a user reaches the tower at.</param>
    public static GetTowerInfoResponse Info(TowerInfo info, IPEndPoint? publicEndPoint)
    {
        var response = new GetTowerInfoResponse
        {
            TowerId = ByteString.CopyFrom(info.TowerId.Bytes),
            NRegisteredUsers = Count(info.Counts.Users),
            NWatcherAppointments = Count(info.Counts.WatchedAppointments),
            NResponderTrackers = Count(info.Counts.Trackers),
            BitcoindReachable = info.BitcoindReachable,
        };

        // rust-teos knows IPv4 and Tor v3 addresses only; an IPv6 bind address travels as its text under IpV4.
        if (publicEndPoint is not null)
        {
            response.Addresses.Add(new NetworkAddress
            {
                AddressType = NetworkAddress.Types.AddressType.IpV4,
                Address = publicEndPoint.Address.ToString(),
                Port = (uint)publicEndPoint.Port,
            });
        }

        return response;
    }

    public static TowerStatus Status(TowerInfo info, IPEndPoint? publicEndPoint)
    {
        var status = new TowerStatus { Info = Info(info, publicEndPoint), IsLeader = info.FeedIsHere };
        if (info.Tip is { IsKnown: true, Hash: { } hash } tip)
        {
            status.TipHeight = tip.Height;
            status.TipHash = ByteString.CopyFrom(hash.ToBytes());
        }

        return status;
    }

    public static ClusterStatus Cluster(ClusterReport report)
    {
        var feedSilo = report.Feed?.Silo;
        var status = new ClusterStatus { AnsweredBy = Endpoint(report.AnsweredBy) };
        status.Silos.Add(report.Silos.Select(silo => new SiloRow
        {
            Address = Endpoint(silo.Address),
            Generation = silo.Address.Generation,
            Status = silo.Status.ToString(),
            Name = silo.Name,
            HostName = silo.HostName,
            StartTime = Timestamp.FromDateTime(DateTime.SpecifyKind(silo.StartTime, DateTimeKind.Utc)),
            LastHeartbeat = silo.LastHeartbeat is { } beat ? Timestamp.FromDateTime(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) : null,
            GatewayPort = (uint)Math.Max(silo.GatewayPort, 0),
            HostsBlockFeed = silo.Address.Equals(feedSilo),
        }));
        if (report.Feed is { } feed)
        {
            status.BlockFeedSilo = Endpoint(feed.Silo);
            if (feed.Tip is { IsKnown: true, Hash: { } hash } tip)
            {
                status.BlockFeedTipHeight = tip.Height;
                status.BlockFeedTipHash = ByteString.CopyFrom(hash.ToBytes());
            }
        }

        return status;
    }

    private static string Endpoint(Orleans.Runtime.SiloAddress silo) => silo.Endpoint.ToString();

    /// <summary>rust-teos reports its counts as u32.</summary>
    private static uint Count(long count) => (uint)Math.Clamp(count, 0, uint.MaxValue);
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NBitcoin;
using Teos.Api.Tests.Support;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Users;
using Teos.Rpc.V2;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>
/// rust-teos' <c>teos.v2.PrivateTowerServices</c> (spec 5.1) as its teos-cli sees it: a client generated from the
/// .proto files, presenting the tower's client certificate over mutual TLS, calls each rpc of a real tower.
/// </summary>
public sealed class PrivateTowerServicesTests(AdminTower fixture) : IClassFixture<AdminTower>
{
    private static readonly Empty Empty = new();

    private PrivateTowerServices.PrivateTowerServicesClient Client => fixture.Private;

    [Fact]
    public async Task Get_tower_info_answers_the_tower_id_counts_reachability_and_public_address()
    {
        var info = await Client.get_tower_infoAsync(Empty);

        Assert.Equal(AdminTower.Str("tower_id"), Hex.Encode(info.TowerId.Span));
        Assert.Equal(1u, info.NRegisteredUsers);
        Assert.Equal(1u, info.NWatcherAppointments);
        Assert.Equal(1u, info.NResponderTrackers);
        Assert.True(info.BitcoindReachable);
        var address = Assert.Single(info.Addresses);
        Assert.Equal(NetworkAddress.Types.AddressType.IpV4, address.AddressType);
        Assert.Equal("127.0.0.1", address.Address);
        Assert.Equal((uint)fixture.Tower.BaseAddress.Port, address.Port);
    }

    [Fact]
    public async Task Get_all_appointments_answers_the_watched_appointment_and_the_tracker_with_internal_order_txids()
    {
        var all = await Client.get_all_appointmentsAsync(Empty);

        Assert.Equal(2, all.Appointments.Count);
        var watched = Assert.Single(all.Appointments, data => data.Appointment is not null).Appointment;
        Assert.Equal(fixture.Watched.ToArray(), watched.Locator.ToByteArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, watched.EncryptedBlob.ToByteArray());
        Assert.Equal(144u, watched.ToSelfDelay);
        AssertScenarioTracker(Assert.Single(all.Appointments, data => data.Tracker is not null).Tracker);
    }

    [Fact]
    public async Task Get_appointments_answers_every_users_data_for_one_locator()
    {
        var answer = await Client.get_appointmentsAsync(new GetAppointmentsRequest { Locator = Bytes(AdminTower.Str("locator")) });
        var none = await Client.get_appointmentsAsync(new GetAppointmentsRequest { Locator = ByteString.CopyFrom(new byte[16]) });

        AssertScenarioTracker(Assert.Single(answer.Appointments).Tracker);
        Assert.Empty(none.Appointments);
    }

    [Fact]
    public async Task Get_appointments_refuses_a_locator_that_is_not_16_bytes_with_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Client.get_appointmentsAsync(new GetAppointmentsRequest { Locator = ByteString.CopyFrom(new byte[15]) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The provided locator does not match the expected format (16-byte hexadecimal string)", error.Status.Detail);
    }

    [Fact]
    public async Task Get_users_answers_every_registered_user_id()
    {
        var users = await Client.get_usersAsync(Empty);

        Assert.Equal(AdminTower.Str("user_id"), Hex.Encode(Assert.Single(users.UserIds).Span));
    }

    [Fact]
    public async Task Get_user_answers_slots_expiry_and_the_uuids_of_the_users_appointments()
    {
        var user = await Client.get_userAsync(new GetUserRequest { UserId = Bytes(AdminTower.Str("user_id")) });

        Assert.Equal(9_998u, user.AvailableSlots);
        Assert.Equal(4_520u, user.SubscriptionExpiry);
        var owner = UserId.ParseHex(AdminTower.Str("user_id"));
        Assert.Equal(
            new[] { AdminTower.Str("uuid"), AppointmentUuid.Compute(fixture.Watched, owner).ToHex() }.Order(),
            user.Appointments.Select(uuid => Hex.Encode(uuid.Span)).Order());
    }

    [Fact]
    public async Task Get_user_refuses_a_malformed_id_with_invalid_argument_and_an_unknown_one_with_not_found()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(
            () => Client.get_userAsync(new GetUserRequest { UserId = Bytes("02" + new string('f', 64)) }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(
            () => Client.get_userAsync(new GetUserRequest { UserId = Bytes(TestUser.Random().UserId) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("Provided public key does not match expected format (33-byte compressed key)", malformed.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("User not found", unknown.Status.Detail);
    }

    [Fact]
    public async Task Stop_answers_then_shuts_the_tower_down()
    {
        await using var tower = await TowerUnderTest.StartAsync();
        using var channel = AdminChannel.Open(tower.AdminAddress, AdminChannel.Load(tower.DataDir, "client"));

        await new PrivateTowerServices.PrivateTowerServicesClient(channel).stopAsync(Empty);

        await TowerUnderTest.WaitUntilAsync(
            () => Task.FromResult(tower.App.Lifetime.ApplicationStopping.IsCancellationRequested), "the tower stopping");
    }

    /// <summary>The scenario's tracker: txids in internal byte order (spec 5.1), the raw penalty with its witness.</summary>
    private static void AssertScenarioTracker(Rpc.Common.V2.Tracker tracker)
    {
        Assert.Equal(uint256.Parse(AdminTower.Str("dispute_txid")).ToBytes(), tracker.DisputeTxid.ToByteArray());
        Assert.Equal(uint256.Parse(AdminTower.Str("penalty_txid")).ToBytes(), tracker.PenaltyTxid.ToByteArray());
        Assert.Equal(AdminTower.Str("penalty_tx_hex"), Hex.Encode(tracker.PenaltyRawtx.Span));
    }

    private static ByteString Bytes(string hex) => ByteString.CopyFrom(Hex.Decode(hex));
}

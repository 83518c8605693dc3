using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Rpc.Admin.V1;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>Teos' own paged admin calls (<c>teos.admin.v1.TeosAdminServices</c>) beside rust-teos' on the admin listener.</summary>
public sealed class TeosAdminServicesTests(AdminTower fixture) : IClassFixture<AdminTower>
{
    private TeosAdminServices.TeosAdminServicesClient Client => fixture.Teos;

    [Fact]
    public async Task List_appointments_pages_through_every_row_in_uuid_order_with_its_uuid_and_owner()
    {
        var first = await Client.list_appointmentsAsync(new ListAppointmentsRequest { PageSize = 1 });
        var second = await Client.list_appointmentsAsync(new ListAppointmentsRequest { PageSize = 1, After = first.Next });

        var rows = first.Appointments.Concat(second.Appointments).ToList();
        Assert.False(first.Next.IsEmpty);
        Assert.True(second.Next.IsEmpty);
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].Uuid.Span.SequenceCompareTo(rows[1].Uuid.Span) < 0);
        Assert.All(rows, row => Assert.Equal(AdminTower.Str("user_id"), Hex.Encode(row.UserId.Span)));
        var tracker = Assert.Single(rows, row => row.Data.Tracker is not null);
        Assert.Equal(AdminTower.Str("uuid"), Hex.Encode(tracker.Uuid.Span));
        Assert.Equal(AdminTower.Str("locator"), Hex.Encode(tracker.Locator.Span));
    }

    [Fact]
    public async Task List_appointments_filters_by_locator()
    {
        var page = await Client.list_appointmentsAsync(new ListAppointmentsRequest { Locator = ByteString.CopyFrom(fixture.Watched.ToArray()) });

        var row = Assert.Single(page.Appointments);
        Assert.Equal(fixture.Watched.ToArray(), row.Data.Appointment.Locator.ToByteArray());
        Assert.True(page.Next.IsEmpty);
    }

    [Fact]
    public async Task List_users_answers_the_user_and_no_next_page()
    {
        var page = await Client.list_usersAsync(new ListUsersRequest());

        Assert.Equal(AdminTower.Str("user_id"), Hex.Encode(Assert.Single(page.UserIds).Span));
        Assert.True(page.Next.IsEmpty);
    }

    [Fact]
    public async Task Get_tower_status_adds_the_tip_and_leadership_to_get_tower_info()
    {
        var status = await Client.get_tower_statusAsync(new Empty());

        Assert.Equal(AdminTower.Str("tower_id"), Hex.Encode(status.Info.TowerId.Span));
        Assert.True(status.HasTipHeight);
        Assert.Equal((uint)fixture.Tower.Bitcoind.Chain.Height, status.TipHeight);
        Assert.Equal(32, status.TipHash.Length);
        Assert.True(status.IsLeader);
    }

    [Fact]
    public async Task Get_cluster_status_lists_the_one_silo_as_active_and_running_the_block_feed_at_the_tip()
    {
        var cluster = await Client.get_cluster_statusAsync(new Empty());

        var silo = Assert.Single(cluster.Silos);
        Assert.Equal("Active", silo.Status);
        Assert.True(silo.HostsBlockFeed);
        Assert.Equal(cluster.AnsweredBy, silo.Address);
        Assert.Equal(silo.Address, cluster.BlockFeedSilo);
        Assert.False(string.IsNullOrEmpty(silo.HostName));
        Assert.InRange(silo.StartTime.ToDateTime(), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal((uint)fixture.Tower.Bitcoind.Chain.Height, cluster.BlockFeedTipHeight);
        Assert.Equal(fixture.Tower.Bitcoind.Chain.Tip.Hash, new uint256(cluster.BlockFeedTipHash.Span));
    }

    [Fact]
    public async Task Get_user_pages_the_users_locators_with_their_uuids()
    {
        var userId = ByteString.CopyFrom(Hex.Decode(AdminTower.Str("user_id")));
        var first = await Client.get_userAsync(new UserPageRequest { UserId = userId, PageSize = 1 });
        var second = await Client.get_userAsync(new UserPageRequest { UserId = userId, PageSize = 1, After = first.Next });

        Assert.Equal(9_998u, first.AvailableSlots);
        Assert.Equal(200u, first.SubscriptionStart);
        Assert.Equal(4_520u, first.SubscriptionExpiry);
        Assert.True(second.Next.IsEmpty);
        var appointments = first.Appointments.Concat(second.Appointments).ToList();
        Assert.Equal(
            new[] { AdminTower.Str("locator"), fixture.Watched.ToHex() }.Order(),
            appointments.Select(appointment => Hex.Encode(appointment.Locator.Span)).Order());
        Assert.All(appointments, appointment => Assert.Equal(
            AppointmentUuid.Compute(Locator.FromBytes(appointment.Locator.Span), Protocol.Users.UserId.ParseHex(AdminTower.Str("user_id"))).ToHex(),
            Hex.Encode(appointment.Uuid.Span)));
    }

    [Fact]
    public async Task A_page_size_above_the_maximum_or_a_bad_cursor_is_invalid_argument()
    {
        var tooLarge = await Assert.ThrowsAsync<RpcException>(
            () => Client.list_appointmentsAsync(new ListAppointmentsRequest { PageSize = 10_001 }).ResponseAsync);
        var badCursor = await Assert.ThrowsAsync<RpcException>(
            () => Client.list_usersAsync(new ListUsersRequest { After = ByteString.CopyFrom(new byte[3]) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, tooLarge.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badCursor.StatusCode);
    }

    [Fact]
    public async Task The_tip_hash_is_in_internal_order()
    {
        var status = await Client.get_tower_statusAsync(new Empty());

        Assert.Equal(fixture.Tower.Bitcoind.Chain.Tip.Hash, new uint256(status.TipHash.Span));
    }
}

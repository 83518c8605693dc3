using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Teos.Api.Tests.Support;
using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.V2;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>
/// Listings past gRPC's default 4 MiB message limit: rust-teos' calls answer RESOURCE_EXHAUSTED naming the paged
/// call rather than a truncated answer, and Teos' pages stay under the limit and add up to every row.
/// </summary>
public sealed class LargeListingTests
{
    private const int FourMiB = 4 * 1024 * 1024;

    [Fact]
    public async Task Get_all_appointments_past_4_MiB_is_resource_exhausted_and_list_appointments_pages_through_it()
    {
        await using var tower = await TowerUnderTest.StartAsync();
        // About 1 KiB per row: 4,500 rows pass 4 MiB.
        var stored = await StoreAppointmentsAsync(tower, count: 4_500, blobSize: 1_000);
        using var channel = AdminChannel.Open(tower.AdminAddress, AdminChannel.Load(tower.DataDir, "client"));

        var error = await Assert.ThrowsAsync<RpcException>(
            () => new PrivateTowerServices.PrivateTowerServicesClient(channel).get_all_appointmentsAsync(new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("teos.admin.v1.TeosAdminServices/list_appointments", error.Status.Detail, StringComparison.Ordinal);
        var seen = new List<ByteString>();
        var after = ByteString.Empty;
        var pages = 0;
        do
        {
            var page = await new TeosAdminServices.TeosAdminServicesClient(channel).list_appointmentsAsync(
                new ListAppointmentsRequest { PageSize = 10_000, After = after });
            Assert.True(page.CalculateSize() <= FourMiB, $"page of {page.CalculateSize()} bytes");
            seen.AddRange(page.Appointments.Select(row => row.Uuid));
            after = page.Next;
            pages++;
        }
        while (!after.IsEmpty);

        Assert.Equal(2, pages);
        Assert.Equal(stored.Order(), seen.Select(uuid => Protocol.Encoding.Hex.Encode(uuid.Span)).Order());
    }

    [Fact]
    public async Task Get_users_past_4_MiB_is_resource_exhausted_naming_list_users()
    {
        await using var tower = await TowerUnderTest.StartAsync();
        // 36 bytes per user id in the answer: 120,000 users pass 4 MiB.
        await StoreUsersAsync(tower, 120_000);
        using var channel = AdminChannel.Open(tower.AdminAddress, AdminChannel.Load(tower.DataDir, "client"));

        var error = await Assert.ThrowsAsync<RpcException>(
            () => new PrivateTowerServices.PrivateTowerServicesClient(channel).get_usersAsync(new Empty()).ResponseAsync);
        var page = await new TeosAdminServices.TeosAdminServicesClient(channel).list_usersAsync(new ListUsersRequest { PageSize = 10_000 });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("teos.admin.v1.TeosAdminServices/list_users", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(10_000, page.UserIds.Count);
        Assert.False(page.Next.IsEmpty);
    }

    /// <summary>Writes appointments straight to the tower's store (HTTP would take minutes), owned by one registered user.</summary>
    private static async Task<List<string>> StoreAppointmentsAsync(TowerUnderTest tower, int count, int blobSize)
    {
        var user = TestUser.Random();
        Assert.Equal(200, (await tower.PostAsync("/register", user.RegisterBody())).Status);
        var userId = UserId.ParseHex(user.UserId);
        var appointments = Enumerable.Range(0, count).Select(_ =>
        {
            var locator = TestUser.RandomLocator();
            var blob = RandomNumberGenerator.GetBytes(blobSize);
            return new Appointment(
                AppointmentUuid.Compute(locator, userId), locator, blob, 42, user.Sign(AppointmentSerialization.Serialize(locator, blob, 42)),
                200, userId, ClientProfile.Rust);
        }).ToList();

        await Store(tower).WriteAsync(async (tx, _) =>
        {
            foreach (var appointment in appointments)
                await tx.SaveAppointmentAsync(appointment);
            return true;
        }, CancellationToken.None);
        return [.. appointments.Select(appointment => appointment.Uuid.ToHex())];
    }

    private static async Task StoreUsersAsync(TowerUnderTest tower, int count)
    {
        var subscriptions = Enumerable.Range(0, count)
            .Select(_ => new Subscription(new UserId(SecretKey.Generate().PublicKey), 10_000, 200, 4_520, ClientProfile.Rust))
            .ToList();
        await Store(tower).WriteAsync(async (tx, _) =>
        {
            foreach (var subscription in subscriptions)
                await tx.SaveSubscriptionAsync(subscription);
            return true;
        }, CancellationToken.None);
    }

    private static ITowerStore Store(TowerUnderTest tower) => tower.App.Services.GetRequiredService<ITowerStore>();
}

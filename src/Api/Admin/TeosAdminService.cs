using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Protocol.Users;
using Teos.Rpc.Admin.V1;

namespace Teos.Api.Admin;

/// <summary>
/// Teos' own operator calls (<c>teos.admin.v1.TeosAdminServices</c>), beside rust-teos' on the admin listener:
/// paged listings whose pages never pass the 4 MiB message limit, and what Teos reports beyond rust-teos. Each
/// call reads one page of <see cref="TowerAdministration"/>.
/// </summary>
internal sealed class TeosAdminService(TowerAdministration administration, ApiListeners listeners) : TeosAdminServices.TeosAdminServicesBase
{
    // Tag and length of the longest cursor (a user id) plus the other scalar fields of a page.
    private const int PageOverhead = 2 + UserId.Size + 3 * (1 + 5);

    public override async Task<ListAppointmentsResponse> list_appointments(ListAppointmentsRequest request, ServerCallContext context)
    {
        var size = AdminArguments.PageSize(request.PageSize);
        var after = AdminArguments.UuidCursor(request.After);
        var page = request.Locator.IsEmpty
            ? await administration.GetAppointmentsAsync(after, size, context.CancellationToken)
            : await administration.GetAppointmentsAsync(AdminArguments.Locator(request.Locator), after, size, context.CancellationToken);

        var response = new ListAppointmentsResponse();
        if (Listings.Fit<AppointmentRecord, AppointmentRow>(page, response.Appointments, AdminMessages.Row, MessageBudget.SizeOf, PageOverhead))
            response.Next = response.Appointments[^1].Uuid;
        return response;
    }

    public override async Task<ListUsersResponse> list_users(ListUsersRequest request, ServerCallContext context)
    {
        var page = await administration.GetUsersAsync(
            AdminArguments.UserCursor(request.After), AdminArguments.PageSize(request.PageSize), context.CancellationToken);

        var response = new ListUsersResponse();
        if (Listings.Fit<UserId, Google.Protobuf.ByteString>(page, response.UserIds, AdminMessages.UserId, MessageBudget.SizeOf, PageOverhead))
            response.Next = response.UserIds[^1];
        return response;
    }

    public override async Task<TowerStatus> get_tower_status(Empty request, ServerCallContext context) =>
        AdminMessages.Status(await administration.GetTowerInfoAsync(context.CancellationToken), listeners.PublicEndPoint);

    public override async Task<ClusterStatus> get_cluster_status(Empty request, ServerCallContext context) =>
        AdminMessages.Cluster(await administration.GetClusterAsync(context.CancellationToken));

    public override async Task<UserPage> get_user(UserPageRequest request, ServerCallContext context)
    {
        var userId = AdminArguments.UserId(request.UserId);
        var details = await administration.GetUserAsync(
                userId, AdminArguments.LocatorCursor(request.After), AdminArguments.PageSize(request.PageSize), context.CancellationToken)
            ?? throw AdminStatus.UserNotFound;

        var subscription = details.Subscription;
        var response = new UserPage
        {
            AvailableSlots = subscription.AvailableSlots,
            SubscriptionExpiry = subscription.Expiry,
            SubscriptionStart = subscription.Start,
        };
        if (Listings.Fit<Grains.Tower.UserAppointment, Rpc.Admin.V1.UserAppointment>(details.Appointments, response.Appointments, AdminMessages.UserAppointment, MessageBudget.SizeOf, PageOverhead))
            response.Next = response.Appointments[^1].Locator;
        return response;
    }
}

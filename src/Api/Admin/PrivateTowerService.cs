using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;
using Teos.Rpc.Common.V2;
using Teos.Rpc.V2;

namespace Teos.Api.Admin;

/// <summary>
/// rust-teos' <c>teos.v2.PrivateTowerServices</c> (spec 5.1), so rust-teos' own teos-cli works unchanged. Each call
/// reads <see cref="TowerAdministration"/> and renders its answer; listings follow its pages under the 4 MiB
/// message limit, past which they name the paged call of <see cref="TeosAdminService"/>.
/// </summary>
internal sealed partial class PrivateTowerService(
    TowerAdministration administration, ApiListeners listeners, IHostApplicationLifetime lifetime, ILogger<PrivateTowerService> logger)
    : PrivateTowerServices.PrivateTowerServicesBase
{
    private const int PageSize = TowerAdministration.MaxPageSize;

    public override async Task<GetAllAppointmentsResponse> get_all_appointments(Empty request, ServerCallContext context)
    {
        var response = new GetAllAppointmentsResponse();
        await CollectAppointmentsAsync(
            response.Appointments, after => administration.GetAppointmentsAsync(after, PageSize, context.CancellationToken));
        return response;
    }

    public override async Task<GetAppointmentsResponse> get_appointments(GetAppointmentsRequest request, ServerCallContext context)
    {
        var locator = AdminArguments.Locator(request.Locator);
        var response = new GetAppointmentsResponse();
        await CollectAppointmentsAsync(
            response.Appointments, after => administration.GetAppointmentsAsync(locator, after, PageSize, context.CancellationToken));
        return response;
    }

    public override async Task<GetTowerInfoResponse> get_tower_info(Empty request, ServerCallContext context) =>
        AdminMessages.Info(await administration.GetTowerInfoAsync(context.CancellationToken), listeners.PublicEndPoint);

    public override async Task<GetUsersResponse> get_users(Empty request, ServerCallContext context)
    {
        var response = new GetUsersResponse();
        await Listings.CollectAsync<UserId, ByteString>(
            response.UserIds,
            previous => administration.GetUsersAsync(previous?.Items[^1], PageSize, context.CancellationToken),
            AdminMessages.UserId,
            MessageBudget.SizeOf,
            "list_users");
        return response;
    }

    public override async Task<GetUserResponse> get_user(GetUserRequest request, ServerCallContext context)
    {
        var userId = AdminArguments.UserId(request.UserId);
        var response = new GetUserResponse();
        UserDetails? details = null;
        await Listings.CollectAsync<UserAppointment, ByteString>(
            response.Appointments,
            async previous =>
            {
                details = await administration.GetUserAsync(userId, previous?.Items[^1].Locator, PageSize, context.CancellationToken)
                    ?? throw AdminStatus.UserNotFound;
                return details.Appointments;
            },
            AdminMessages.Uuid,
            MessageBudget.SizeOf,
            "get_user",
            reserved: 2 * (1 + 5));
        response.AvailableSlots = details!.Subscription.AvailableSlots;
        response.SubscriptionExpiry = details.Subscription.Expiry;
        return response;
    }

    /// <summary>Both appointment listings, page after page in uuid order; past the limit they name <c>list_appointments</c>.</summary>
    private static Task CollectAppointmentsAsync(
        RepeatedField<AppointmentData> into, Func<AppointmentUuid?, Task<Page<AppointmentRecord>>> pageAfter) =>
        Listings.CollectAsync<AppointmentRecord, AppointmentData>(
            into, previous => pageAfter(previous?.Items[^1].Uuid), AdminMessages.Data, MessageBudget.SizeOf, "list_appointments");

    /// <summary>Answers first, then shuts down gracefully, so the client learns the stop was taken.</summary>
    public override Task<Empty> stop(Empty request, ServerCallContext context)
    {
        LogStopRequested(logger, context.Peer);
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return Task.FromResult(new Empty());
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Stop requested through the admin API from {Remote}")]
    private static partial void LogStopRequested(ILogger logger, string remote);
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.Tower;
using Teos.Protocol.Admin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Api.Admin;

/// <summary>
/// The admin calls (spec 5.1): each checks its body's shape, calls <see cref="TowerAdministration"/> and renders
/// the answer. No rule lives here.
/// </summary>
public sealed partial class AdminEndpoints(
    TowerAdministration administration, ApiListeners listeners, IHostApplicationLifetime lifetime, ILogger<AdminEndpoints> logger)
{
    public async Task<IResult> GetAllAppointmentsAsync(HttpContext context)
    {
        var (after, size, error) = await ReadPageAsync(
            context,
            (string text, out AppointmentUuid uuid) => AppointmentUuid.TryParseHex(text, out uuid, out _),
            "`after` must be the `next` of the previous page (20-byte hexadecimal uuid)");
        if (error is not null)
            return error;

        var page = await administration.GetAppointmentsAsync(after, size, context.RequestAborted);
        return AdminJson.Ok(AdminRendering.ToJson(page));
    }

    public async Task<IResult> GetAppointmentsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (request, error) = await AdminJson.ReadAsync(context.Request, new LocatorRequest(null), cancellationToken);
        if (error is not null)
            return error;
        if (request!.Locator is not { } hex || !Locator.TryParseHex(hex, out var locator, out _))
            return AdminErrors.InvalidLocator;

        var records = await administration.GetAppointmentsAsync(locator, cancellationToken);
        return AdminJson.Ok(new AppointmentsPage([.. records.Select(AdminRendering.ToJson)], Next: null));
    }

    public async Task<IResult> GetTowerInfoAsync(HttpContext context)
    {
        var info = await administration.GetTowerInfoAsync(context.RequestAborted);
        return AdminJson.Ok(AdminRendering.ToJson(info, listeners.PublicEndPoint));
    }

    public async Task<IResult> GetUsersAsync(HttpContext context)
    {
        var (after, size, error) = await ReadPageAsync(
            context,
            (string text, out UserId id) => UserId.TryParseHex(text, out id, out _),
            "`after` must be the `next` of the previous page (33-byte compressed key)");
        if (error is not null)
            return error;

        var page = await administration.GetUsersAsync(after, size, context.RequestAborted);
        return AdminJson.Ok(AdminRendering.ToJson(page));
    }

    public async Task<IResult> GetUserAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (request, error) = await AdminJson.ReadAsync(context.Request, new UserRequest(null), cancellationToken);
        if (error is not null)
            return error;
        if (request!.UserId is not { } hex || !UserId.TryParseHex(hex, out var userId, out _))
            return AdminErrors.InvalidUserId;

        var user = await administration.GetUserAsync(userId, cancellationToken);
        return user is null ? AdminErrors.UserNotFound : AdminJson.Ok(AdminRendering.ToJson(user));
    }

    /// <summary>Answers first, then shuts down gracefully, so teos-cli learns the stop was taken.</summary>
    public Task<IResult> StopAsync(HttpContext context)
    {
        LogStopRequested(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return Task.FromResult(AdminJson.Ok(new { }));
    }

    /// <summary>Logged once the server is bound, so a port 0 shows as the real one (tests read this line).</summary>
    public void AnnounceListener()
    {
        if (listeners.AdminEndPoint is { } endPoint)
            LogListening(logger, $"https://{endPoint}");
    }

    private delegate bool CursorParser<T>(string text, out T cursor);

    /// <summary>A listing's page request: its size and the cursor after which it starts, or why it is refused.</summary>
    private static async Task<(T? After, int Size, IResult? Error)> ReadPageAsync<T>(
        HttpContext context, CursorParser<T> parseCursor, string badCursor)
        where T : struct
    {
        var (request, error) = await AdminJson.ReadAsync(context.Request, new PageRequest(), context.RequestAborted);
        if (error is not null)
            return (null, 0, error);

        var size = request!.PageSize ?? TowerAdministration.DefaultPageSize;
        if (!TowerAdministration.IsValidPageSize(size))
            return (null, 0, AdminErrors.InvalidArgument($"`page_size` must be between 1 and {TowerAdministration.MaxPageSize}"));
        if (request.After is not { } text)
            return (null, size, null);
        return parseCursor(text, out var after) ? (after, size, null) : (null, 0, AdminErrors.InvalidArgument(badCursor));
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Admin API listening on {Url}")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Stop requested through the admin API from {Remote}")]
    private static partial void LogStopRequested(ILogger logger, string remote);
}

using Microsoft.AspNetCore.Http;
using Teos.Api.Endpoints;

namespace Teos.Api.Http;

/// <summary>The five public routes (spec 3.1). Matching is on the first path segment only, case-sensitive, as warp does.</summary>
public static class PublicRoutes
{
    public static PublicRoute Register { get; } = new("register", HttpMethods.Post, 87, typeof(RegisterEndpoint));

    public static PublicRoute AddAppointment { get; } = new("add_appointment", HttpMethods.Post, 2048, typeof(AddAppointmentEndpoint));

    public static PublicRoute GetAppointment { get; } = new("get_appointment", HttpMethods.Post, 178, typeof(GetAppointmentEndpoint));

    public static PublicRoute GetSubscriptionInfo { get; } =
        new("get_subscription_info", HttpMethods.Post, 127, typeof(GetSubscriptionInfoEndpoint));

    public static PublicRoute Ping { get; } = new("ping", HttpMethods.Get, 0, null);

    public static IReadOnlyList<PublicRoute> All { get; } = [Register, AddAppointment, GetAppointment, GetSubscriptionInfo, Ping];

    public static PublicRoute? Find(PathString path)
    {
        var rest = (path.Value ?? string.Empty).AsSpan().TrimStart('/');
        var end = rest.IndexOf('/');
        var segment = end < 0 ? rest : rest[..end];
        foreach (var route in All)
        {
            if (segment.SequenceEqual(route.Segment))
                return route;
        }

        return null;
    }
}

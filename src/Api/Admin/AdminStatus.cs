using Grpc.Core;
using Teos.Protocol.Admin;
using Teos.Rpc.Admin.V1;

namespace Teos.Api.Admin;

/// <summary>
/// The one place where admin outcomes become gRPC statuses, with rust-teos' messages where it has one (spec 5.1).
/// Thrown as <see cref="RpcException"/>, which is how grpc-dotnet answers a call with a status.
/// </summary>
internal static class AdminStatus
{
    public static RpcException InvalidLocator => InvalidArgument(AdminErrorMessages.InvalidLocator);

    public static RpcException InvalidUserId => InvalidArgument(AdminErrorMessages.InvalidUserId);

    public static RpcException UserNotFound => new(new Status(StatusCode.NotFound, AdminErrorMessages.UserNotFound));

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    /// <summary>An outage (bitcoind, the store, a silo): the call may work when retried.</summary>
    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    /// <summary>A rust-teos call whose whole answer would not fit one message: it names the paged call that serves it.</summary>
    public static RpcException TooLarge(string pagedCall) => new(new Status(
        StatusCode.ResourceExhausted,
        $"The answer would pass gRPC's {MessageBudget.MaxMessageSize / (1024 * 1024)} MiB message limit; "
        + $"page through it with {TeosAdminServices.Descriptor.FullName}/{pagedCall}"));
}

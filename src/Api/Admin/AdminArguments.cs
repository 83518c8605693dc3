using Google.Protobuf;
using Teos.Grains.Tower;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Api.Admin;

/// <summary>The admin requests' bytes read as domain values, or INVALID_ARGUMENT (spec 5.1 messages where rust-teos has them).</summary>
internal static class AdminArguments
{
    public static Locator Locator(ByteString bytes) =>
        bytes.Length == Protocol.Appointments.Locator.Size ? Protocol.Appointments.Locator.FromBytes(bytes.Span) : throw AdminStatus.InvalidLocator;

    public static UserId UserId(ByteString bytes) =>
        Protocol.Users.UserId.TryFromBytes(bytes.Span, out var userId, out _) ? userId : throw AdminStatus.InvalidUserId;

    /// <summary>0 asks for the default size.</summary>
    public static int PageSize(uint requested) => requested switch
    {
        0 => TowerAdministration.DefaultPageSize,
        <= TowerAdministration.MaxPageSize => (int)requested,
        _ => throw AdminStatus.InvalidArgument($"`page_size` must be at most {TowerAdministration.MaxPageSize}"),
    };

    public static AppointmentUuid? UuidCursor(ByteString after) => after.IsEmpty ? null
        : after.Length == AppointmentUuid.Size ? AppointmentUuid.FromBytes(after.Span) : throw BadCursor("a 20-byte uuid");

    public static UserId? UserCursor(ByteString after) => after.IsEmpty ? null
        : Protocol.Users.UserId.TryFromBytes(after.Span, out var userId, out _) ? userId : throw BadCursor("a 33-byte user id");

    public static Locator? LocatorCursor(ByteString after) => after.IsEmpty ? null
        : after.Length == Protocol.Appointments.Locator.Size ? Protocol.Appointments.Locator.FromBytes(after.Span) : throw BadCursor("a 16-byte locator");

    private static Grpc.Core.RpcException BadCursor(string what) =>
        AdminStatus.InvalidArgument($"`after` must be the `next` of the previous page ({what})");
}

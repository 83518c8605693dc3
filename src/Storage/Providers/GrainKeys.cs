using Orleans.Runtime;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Providers;

/// <summary>The ids inside tower-scoped grain keys (DESIGN-19 section 1): "&lt;tower&gt;/&lt;uuid or user id hex&gt;".</summary>
internal static class GrainKeys
{
    public static (TowerKey Tower, AppointmentUuid Uuid) Appointment(GrainId grainId)
    {
        var (tower, id) = TowerKey.Split(grainId.Key.ToString()!);
        if (!AppointmentUuid.TryParseHex(id, out var uuid, out var error))
            throw new FormatException($"Grain {grainId} does not name an appointment uuid: {error}");
        return (tower, uuid);
    }

    public static (TowerKey Tower, UserId User) User(GrainId grainId)
    {
        var (tower, id) = TowerKey.Split(grainId.Key.ToString()!);
        if (!UserId.TryParseHex(id, out var user, out var error))
            throw new FormatException($"Grain {grainId} does not name a user id: {error}");
        return (tower, user);
    }
}

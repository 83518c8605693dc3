using Orleans.Runtime;
using Teos.Grains.Appointments;
using Teos.Storage.Providers;

namespace Teos.Storage.Sqlite;

/// <summary>The "appointments" provider on SQLite: typed compact rows, each write one group-committed statement.</summary>
internal sealed class SqliteAppointmentStorage(SqliteAccess access) : TypedGrainStorage<AppointmentState>
{
    protected override Task<AppointmentState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.ReadAsync(connection => AppointmentRows.Get(connection, tower, uuid), cancellationToken);
    }

    protected override Task WriteAsync(GrainId grainId, AppointmentState state, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.WriteAsync(connection => AppointmentRows.Save(connection, tower, uuid, state), cancellationToken);
    }

    protected override Task ClearAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.WriteAsync(connection => AppointmentRows.Delete(connection, tower, uuid), cancellationToken);
    }
}

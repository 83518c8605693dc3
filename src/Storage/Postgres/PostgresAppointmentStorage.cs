using Orleans.Runtime;
using Teos.Grains.Appointments;
using Teos.Storage.Providers;

namespace Teos.Storage.Postgres;

/// <summary>The "appointments" provider on PostgreSQL: typed compact rows, each write one statement of a group commit.</summary>
internal sealed class PostgresAppointmentStorage(PostgresAccess access) : TypedGrainStorage<AppointmentState>
{
    protected override Task<AppointmentState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.ReadAsync((connection, token) => AppointmentRows.GetAsync(connection, tower, uuid, token), cancellationToken);
    }

    protected override Task WriteAsync(GrainId grainId, AppointmentState state, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.WriteAsync(() => [AppointmentRows.Save(tower, uuid, state)], cancellationToken);
    }

    protected override Task ClearAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var (tower, uuid) = GrainKeys.Appointment(grainId);
        return access.WriteAsync(() => [AppointmentRows.Delete(tower, uuid)], cancellationToken);
    }
}

using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Storage;

/// <summary>
/// The rows a user grain needs beside its own state (<see cref="StorageProviders.Users"/>): its appointments, to
/// derive used slots, and the writes that change them together with the user row.
/// </summary>
public interface IGatekeeperRows
{
    /// <summary>Every appointment row the user owns, triggered ones included.</summary>
    Task<IReadOnlyList<OwnedAppointment>> GetUserAppointmentsAsync(TowerKey tower, UserId user, CancellationToken cancellationToken);

    /// <summary>
    /// A dropped appointment without refund (spec 4.5): deletes its row and saves the user's lowered allowance in
    /// one durable transaction, so the slots stay spent and the uuid can be sent (and charged) again.
    /// </summary>
    Task BurnAsync(TowerKey tower, UserId user, AppointmentUuid uuid, UserState after, CancellationToken cancellationToken);

    /// <summary>Deletes an appointment row; its slots come back to the owner because used slots are derived.</summary>
    Task DeleteAppointmentAsync(TowerKey tower, AppointmentUuid uuid, CancellationToken cancellationToken);

    /// <summary>Users whose stored deletion height is at or below <paramref name="height"/>.</summary>
    Task<IReadOnlyList<UserId>> GetOutdatedUsersAsync(TowerKey tower, long height, CancellationToken cancellationToken);
}

/// <summary>What a user grain loads of each of its appointment rows.</summary>
public readonly record struct OwnedAppointment(AppointmentUuid Uuid, Locator Locator, int BlobLength, bool Triggered);

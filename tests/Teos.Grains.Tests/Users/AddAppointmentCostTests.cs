using Teos.Grains.Tests.Cluster;
using Xunit;

namespace Teos.Grains.Tests.Users;

/// <summary>
/// An add_appointment costs one durable write, the appointment's row (DESIGN.md section 3): the user grain derives
/// used slots from the rows it read when it activated, so a warm user reads none of its rows again and writes no
/// row of its own. Writes are counted by the store, reads at the ports. A new appointment's row is written by the user
/// grain: no appointment grain is activated for it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AddAppointmentCostTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task An_add_appointment_of_an_active_user_makes_exactly_one_write_reads_none_of_its_rows_and_activates_no_appointment_grain()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        await tower.AppointmentRequests(0).AddAppointmentAsync(user.Unbreached(), CancellationToken.None);
        var submission = user.Unbreached();
        await tower.ActivateAsync(tower.Bucket(submission.Locator));
        var (reads, writes, statements) = (tower.Reads.Snapshot(), tower.Storage.Writes, tower.Storage.Statements);

        var added = await tower.AppointmentRequests(1).AddAppointmentAsync(submission, CancellationToken.None);

        Assert.Equal(9_998u, added.Accepted!.AvailableSlots);
        Assert.Equal(1, tower.Storage.Writes - writes);
        Assert.Equal(1, tower.Storage.Statements - statements);
        Assert.Empty(tower.Reads.Since(reads));
        Assert.Null(tower.Host(tower.Appointment(user, submission.Locator)));
        Assert.NotNull(await tower.Appointment(user, submission.Locator).GetView());
    }

    [Fact]
    public async Task An_add_appointment_of_a_user_activated_again_reads_its_rows_once_and_still_makes_one_write()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        await tower.AppointmentRequests(0).AddAppointmentAsync(user.Unbreached(), CancellationToken.None);
        await tower.DeactivateAsync(tower.User(user));
        var (first, second) = (user.Unbreached(), user.Unbreached());
        await tower.ActivateAsync(tower.Bucket(first.Locator));
        await tower.ActivateAsync(tower.Bucket(second.Locator));
        var (reads, writes) = (tower.Reads.Snapshot(), tower.Storage.Writes);

        await tower.AppointmentRequests(0).AddAppointmentAsync(first, CancellationToken.None);
        var added = await tower.AppointmentRequests(1).AddAppointmentAsync(second, CancellationToken.None);

        Assert.Equal(9_997u, added.Accepted!.AvailableSlots);
        Assert.Equal(2, tower.Storage.Writes - writes);
        var made = tower.Reads.Since(reads);
        Assert.Equal(1, made.GetValueOrDefault("GetUserAppointments"));
        Assert.Equal(1, made.GetValueOrDefault("users.ReadState"));
        Assert.Equal(2, made.Values.Sum());
    }

    [Fact]
    public async Task An_appointment_grain_that_read_a_row_since_deleted_answers_the_row_written_again_under_its_uuid()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        var first = user.Unbreached();
        await tower.AppointmentRequests(0).AddAppointmentAsync(first, CancellationToken.None);
        var appointment = tower.Appointment(user, first.Locator);
        Assert.Equal(first.EncryptedBlob, (await appointment.GetView())!.Watched!.EncryptedBlob);

        // The user is outdated (its rows deleted) while the grain stays active, registers again and sends the locator anew.
        Assert.True(await tower.User(user).Outdate(uint.MaxValue));
        await tower.RegisterAsync(user);
        var again = user.Submission(first.Locator, [.. first.EncryptedBlob.Reverse()]);
        Assert.NotNull((await tower.AppointmentRequests(1).AddAppointmentAsync(again, CancellationToken.None)).Accepted);

        Assert.NotNull(tower.Host(appointment));
        Assert.Equal(again.EncryptedBlob, (await appointment.GetView())!.Watched!.EncryptedBlob);
    }
}

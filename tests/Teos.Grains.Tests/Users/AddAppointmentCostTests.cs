using Teos.Grains.Tests.Cluster;
using Xunit;

namespace Teos.Grains.Tests.Users;

/// <summary>
/// An add_appointment costs one durable write, the appointment's row (DESIGN.md section 3): the user grain derives
/// used slots from the rows it read when it activated, so a warm user reads none of its rows again and writes no
/// row of its own. Writes are counted by the store, reads at the ports.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AddAppointmentCostTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task An_add_appointment_of_an_active_user_makes_exactly_one_write_and_reads_none_of_its_rows()
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
}

using System.Security.Cryptography;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>A fault of the machine (here a full disk) at the store's boundary: every provider and port answers alike.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_full_disk_refuses_writes_as_storage_unavailable_and_loses_nothing_acknowledged()
    {
        var owner = await RegisterAsync();
        var acknowledged = new List<AppointmentState>();
        for (var i = 0; i < 20; i++)
        {
            var appointment = TestAppointments.For(owner);
            await StoreAsync(appointment);
            acknowledged.Add(appointment);
        }

        var refused = new List<AppointmentState>();
        await using (await Backend.FillUpAsync(Storage))
        {
            // Concurrent writes share batches: each is either acknowledged or refused as storage unavailable.
            var attempts = Enumerable.Range(0, 200).Select(_ => TestAppointments.For(owner, blobLength: 2_000)).ToArray();
            var outcomes = await Task.WhenAll(attempts.Select(OutcomeAsync));
            for (var i = 0; i < attempts.Length; i++)
            {
                if (outcomes[i] is null)
                    acknowledged.Add(attempts[i]);
                else
                    refused.Add(attempts[i]);
            }

            Assert.NotEmpty(refused);
            // The refusal carries the database's own error (SQLITE_FULL, disk_full) for the operator's one log line.
            Assert.All(outcomes.OfType<Exception>(), refusal => Assert.NotNull(refusal.InnerException));
            // The ports and the "state" provider answer the same way.
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => Storage.RecentBlocks.AddAsync(TestHashes.Random(), 100, TestHashes.Many(2_000), keep: 100, None));
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => WriteAsync(State, "tracker", Tracker("full"), SomeTracker() with { PenaltyTx = RandomNumberGenerator.GetBytes(100_000) }));
            // Reads go on while writes are refused.
            Assert.True((await ReadAppointmentAsync(TestAppointments.UuidOf(acknowledged[0]))).RecordExists);
        }

        await StoreAsync(TestAppointments.For(owner));
        await ReopenAsync();
        foreach (var appointment in acknowledged)
            Assert.True((await ReadAppointmentAsync(TestAppointments.UuidOf(appointment))).RecordExists);
        // A refused write was never half stored: its batch was rolled back with it.
        foreach (var appointment in refused)
            Assert.False((await ReadAppointmentAsync(TestAppointments.UuidOf(appointment))).RecordExists);
    }

    /// <summary>Null when the write was acknowledged; the refusal otherwise, which must be a storage fault.</summary>
    private async Task<Exception?> OutcomeAsync(AppointmentState appointment)
    {
        try
        {
            await StoreAsync(appointment);
            return null;
        }
        catch (StorageUnavailableException refusal)
        {
            return refusal;
        }
    }
}

using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Grains.Users;

namespace Teos.Storage.Tests.Builders;

/// <summary>One-line writes for tests that fill a store through its public write path.</summary>
public static class StoreWrites
{
    /// <summary>Saves the users in one write.</summary>
    public static Task<bool> SaveSubscriptionsAsync(this ITowerStore store, IEnumerable<Subscription> subscriptions) =>
        store.WriteAsync(
            async (transaction, _) =>
            {
                foreach (var subscription in subscriptions)
                    await transaction.SaveSubscriptionAsync(subscription);
                return true;
            },
            CancellationToken.None);

    /// <summary>Saves one appointment in a write of its own; completes once it is durable.</summary>
    public static async Task<Appointment> SaveAppointmentAsync(this ITowerStore store, Appointment appointment)
    {
        await store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveAppointmentAsync(appointment);
                return true;
            },
            CancellationToken.None);
        return appointment;
    }
}

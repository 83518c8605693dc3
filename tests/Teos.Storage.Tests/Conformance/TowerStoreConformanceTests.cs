using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Grains.Users;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>
/// The store contract every backend must honour. A backend's test class derives from this suite and only says
/// how to open a fresh, empty store; the facts themselves never change per backend (split by area in partial
/// files).
/// </summary>
public abstract partial class TowerStoreConformanceTests : IAsyncLifetime
{
    private ITowerStore? _store;

    protected ITowerStore Store => _store ?? throw new InvalidOperationException("The store is not open yet");

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A new store over an empty database, owned by the test.</summary>
    protected abstract Task<ITowerStore> CreateStoreAsync();

    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }

    protected Task<T> Write<T>(Func<ITowerTransaction, ValueTask<T>> work) =>
        Store.WriteAsync((transaction, _) => work(transaction), None);

    protected Task Write(Func<ITowerTransaction, ValueTask> work) =>
        Store.WriteAsync(
            async (transaction, _) =>
            {
                await work(transaction);
                return true;
            },
            None);

    protected async Task<Subscription> Register(Subscription subscription)
    {
        await Write(transaction => transaction.SaveSubscriptionAsync(subscription));
        return subscription;
    }

    protected async Task<Appointment> Add(Appointment appointment)
    {
        await Write(transaction => transaction.SaveAppointmentAsync(appointment));
        return appointment;
    }
}

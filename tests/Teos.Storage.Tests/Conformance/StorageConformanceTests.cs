using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;
using Teos.Storage.Hosting;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>
/// What every backend's providers and ports must do. A backend's test class derives from this suite and only says
/// which backend; the facts never change per backend (split by provider and port in partial files).
/// </summary>
public abstract partial class StorageConformanceTests : IAsyncLifetime
{
    private TeosStorage? _storage;
    private IGrainStorage? _state;

    protected static CancellationToken None => CancellationToken.None;

    protected static TowerKey Tower => TowerKey.Default;

    protected abstract StorageBackend Backend { get; }

    protected TeosStorage Storage => _storage ?? throw new InvalidOperationException("The store is not open yet");

    protected IGrainStorage State => _state ?? throw new InvalidOperationException("The store is not open yet");

    public virtual async Task InitializeAsync()
    {
        _storage = await Backend.OpenAsync();
        _state = await Backend.StateStorageAsync(_storage);
    }

    public virtual async Task DisposeAsync()
    {
        if (_storage is not null)
            await _storage.DisposeAsync();
        (Backend as IDisposable)?.Dispose();
    }

    /// <summary>Closes the store and opens its database again (what a restarted silo finds on disk).</summary>
    protected async Task ReopenAsync()
    {
        _storage = await Backend.ReopenAsync(Storage);
        _state = await Backend.StateStorageAsync(_storage);
    }

    protected async Task<UserId> RegisterAsync(UserState? state = null, TowerKey? tower = null)
    {
        var user = TestUsers.NewUserId();
        await WriteAsync(Storage.Users, "user", TestUsers.GrainOf(user, tower), state ?? TestUsers.State());
        return user;
    }

    protected async Task<AppointmentUuid> StoreAsync(AppointmentState appointment, TowerKey? tower = null)
    {
        await WriteAsync(Storage.Appointments, "appointment", TestAppointments.GrainOf(appointment, tower), appointment);
        return TestAppointments.UuidOf(appointment);
    }

    protected static async Task<GrainState<T>> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId grainId)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    protected static async Task<GrainState<T>> WriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, T value, string? etag = null)
    {
        var state = new GrainState<T>(value, etag);
        await storage.WriteStateAsync(stateName, grainId, state);
        return state;
    }

    protected Task<GrainState<AppointmentState>> ReadAppointmentAsync(AppointmentUuid uuid, TowerKey? tower = null) =>
        ReadAsync<AppointmentState>(Storage.Appointments, "appointment", TestAppointments.GrainOf(uuid, tower));

    protected Task<GrainState<UserState>> ReadUserAsync(UserId user, TowerKey? tower = null) =>
        ReadAsync<UserState>(Storage.Users, "user", TestUsers.GrainOf(user, tower));
}

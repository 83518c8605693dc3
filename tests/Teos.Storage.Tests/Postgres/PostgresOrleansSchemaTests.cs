using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Providers;
using Teos.Storage.Tests.Backends;
using Teos.TestSupport.Processes;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// Orleans' ADO.NET providers against the schema teosd creates (migration 0008): grain state with a unique grain
/// identity, membership of real silos, reminders, and a client finding the gateways.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOrleansSchemaTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Racing_first_writes_of_one_grain_store_one_state_and_the_loser_gets_a_version_conflict()
    {
        await using var storage = await OpenAsync();
        var first = await PostgresBackend.AdoNetStateAsync(storage.ConnectionString);
        var second = await PostgresBackend.AdoNetStateAsync(storage.ConnectionString);
        const int trials = 100;

        for (var trial = 0; trial < trials; trial++)
        {
            var grain = GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(trial));
            var outcomes = await Task.WhenAll(
                TryWriteAsync(first, grain, new FeedState { TipHeight = 1 }),
                TryWriteAsync(second, grain, new FeedState { TipHeight = 2 }));

            Assert.Equal(1, outcomes.Count(written => written));
            var stored = new GrainState<FeedState>();
            await first.ReadStateAsync("feed", grain, stored);
            Assert.Equal(outcomes[0] ? 1u : 2u, stored.State!.TipHeight);
        }

        Assert.Equal(trials, await CountAsync(storage, "SELECT count(*) FROM orleans_storage"));
    }

    [Fact]
    public async Task Two_silos_join_one_cluster_and_a_client_finds_their_gateways()
    {
        await using var storage = await OpenAsync();
        using var first = await StartSiloAsync(storage);
        using var second = await StartSiloAsync(storage);

        Assert.Equal(2, await CountAsync(storage, $"SELECT count(*) FROM orleans_membership WHERE status = {(int)SiloStatus.Active}"));
        Assert.Equal(1, await CountAsync(storage, "SELECT count(*) FROM orleans_membership_version"));
        var client = new HostBuilder()
            .UseOrleansClient(builder => builder
                .Configure<ClusterOptions>(Cluster)
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = PostgresStorage.Invariant;
                    options.ConnectionString = storage.ConnectionString;
                }))
            .Build();
        await client.StartAsync();
        var gateways = await client.Services.GetRequiredService<Orleans.Messaging.IGatewayListProvider>().GetGateways();
        await client.StopAsync();
        client.Dispose();

        Assert.Equal(2, gateways.Count);
        await second.StopAsync();
        Assert.Equal(1, await CountAsync(storage, $"SELECT count(*) FROM orleans_membership WHERE status = {(int)SiloStatus.Active}"));
        await first.StopAsync();
    }

    [Fact]
    public async Task A_silos_membership_table_keeps_its_heartbeat_and_forgets_dead_silos()
    {
        await using var storage = await OpenAsync();
        using var silo = await StartSiloAsync(storage);
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var entry = (await table.ReadAllAsync(None)).Members.Single().Item1;
        var alive = DateTime.UtcNow.AddSeconds(30);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive, Status = entry.Status }, None);

        var read = (await table.ReadRowAsync(entry.SiloAddress, None)).Members.Single().Item1;
        Assert.Equal(alive, read.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        await ExecuteAsync(storage, $"UPDATE orleans_membership SET status = {(int)SiloStatus.Dead}, i_am_alive_time = now() - interval '2 hours'");
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), None);
        Assert.Equal(0, await CountAsync(storage, "SELECT count(*) FROM orleans_membership"));
        await silo.StopAsync();
    }

    [Fact]
    public async Task Reminders_are_stored_read_by_grain_and_by_hash_range_and_removed_by_version()
    {
        await using var storage = await OpenAsync();
        using var silo = await StartSiloAsync(storage);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var feed = GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(0));
        var entry = new ReminderEntry { GrainId = feed, ReminderName = "keeper", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) };

        var etag = await table.UpsertRow(entry);
        var again = await table.UpsertRow(entry);

        Assert.NotEqual(etag, again);
        Assert.Equal(TimeSpan.FromMinutes(1), (await table.ReadRow(feed, "keeper"))!.Period);
        Assert.Single((await table.ReadRows(feed)).Reminders);
        var hash = feed.GetUniformHashCode();
        Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders);
        Assert.Single((await table.ReadRows(hash + 10, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash + 10)).Reminders);
        Assert.False(await table.RemoveRow(feed, "keeper", etag!));
        Assert.True(await table.RemoveRow(feed, "keeper", again!));
        Assert.Null(await table.ReadRow(feed, "keeper"));
        await silo.StopAsync();
    }

    [Fact]
    public async Task A_silo_keeps_state_through_the_state_provider_it_registers()
    {
        await using var storage = await OpenAsync();
        using var silo = await StartSiloAsync(storage);
        var state = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageProviders.State);
        // Orleans' provider, behind the store's fault boundary, and started by the silo through it.
        Assert.IsType<FaultTranslatingGrainStorage>(state);
        var feed = GrainId.Create(GrainType.Create("feed"), GrainIdKeyExtensions.CreateIntegerKey(0));

        await state.WriteStateAsync("feed", feed, new GrainState<FeedState>(new FeedState { TipHeight = 42 }));

        Assert.Equal(1, await CountAsync(storage, "SELECT count(*) FROM orleans_storage WHERE grain_type = 'feed'"));
        var read = new GrainState<FeedState>();
        await (await PostgresBackend.AdoNetStateAsync(storage.ConnectionString, ServiceId)).ReadStateAsync("feed", feed, read);
        Assert.Equal(42u, read.State!.TipHeight);
        await silo.StopAsync();
    }

    private const string ServiceId = "teos-tests";

    private static void Cluster(ClusterOptions options) => (options.ClusterId, options.ServiceId) = ("teos-tests", ServiceId);

    private async Task<PostgresStorage> OpenAsync() =>
        await PostgresStorage.OpenAsync(await postgres.Server.CreateDatabaseAsync(), StorageBackend.Options, NullLogger.Instance, None);

    private static async Task<IHost> StartSiloAsync(PostgresStorage storage)
    {
        var host = new HostBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(Cluster)
                .ConfigureEndpoints(IPAddress.Loopback, LoopbackPort.Free(), LoopbackPort.Free())
                .UseTeosClustering(storage)
                .UseTeosReminders(storage)
                .AddTeosStorage(storage))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<bool> TryWriteAsync(AdoNetGrainStorage storage, GrainId grain, FeedState state)
    {
        try
        {
            await storage.WriteStateAsync("feed", grain, new GrainState<FeedState>(state));
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private static async Task<long> CountAsync(PostgresStorage storage, string sql)
    {
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        return await connection.Command(sql).ScalarAsync<long>(None);
    }

    private static async Task ExecuteAsync(PostgresStorage storage, string sql)
    {
        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await connection.Command(sql).RunAsync(None);
    }
}

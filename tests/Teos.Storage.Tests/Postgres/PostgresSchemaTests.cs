using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Backends;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>Migrations on the shared database: applied once however many silos start together, settings checked.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Silos_starting_together_apply_the_migrations_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();

        var opened = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresStorage.OpenAsync(database, StorageBackend.Options, NullLogger.Instance, None)));

        Assert.Equal([0, 0, 8], opened.Select(storage => storage.MigrationsApplied).Order());
        foreach (var storage in opened)
            await storage.DisposeAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        Assert.Equal("1,2,3,4,5,6,7,8", await connection.Command("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations").ScalarAsync<string>(None));
    }

    [Fact]
    public async Task A_database_of_another_bucket_width_is_refused()
    {
        var database = await postgres.MigratedDatabaseAsync();

        var refused = await Assert.ThrowsAsync<StorageSettingsException>(() =>
            PostgresStorage.OpenAsync(database, StorageBackend.Options with { BucketBits = 8 }, NullLogger.Instance, None));

        Assert.Contains("records bucket_bits = 10, but this teosd uses 8", refused.Message);
    }

    [Fact]
    public async Task Saving_an_existing_user_again_draws_no_new_key()
    {
        await using var storage = await PostgresStorage.OpenAsync(await postgres.Server.CreateDatabaseAsync(), StorageBackend.Options, NullLogger.Instance, None);
        var user = Builders.TestUsers.NewUserId();
        for (var i = 0; i < 3; i++)
            await storage.Users.WriteStateAsync("user", Builders.TestUsers.GrainOf(user), new Orleans.GrainState<Grains.Users.UserState>(Builders.TestUsers.State(allowance: i)));

        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1, await connection.Command("SELECT last_value FROM users_user_key_seq").ScalarAsync<long>(None));
    }

    [Fact]
    public async Task A_canonical_signature_is_stored_as_its_65_bytes_and_other_text_with_a_tag()
    {
        await using var storage = await PostgresStorage.OpenAsync(await postgres.Server.CreateDatabaseAsync(), StorageBackend.Options, NullLogger.Instance, None);
        var user = Builders.TestUsers.NewUserId();
        await storage.Users.WriteStateAsync("user", Builders.TestUsers.GrainOf(user), new Orleans.GrainState<Grains.Users.UserState>(Builders.TestUsers.State()));
        var canonical = Builders.TestAppointments.For(user);
        var text = Builders.TestAppointments.For(user) with { UserSignature = Builders.TestAppointments.Signature.ToUpperInvariant() };
        foreach (var appointment in new[] { canonical, text })
            await storage.Appointments.WriteStateAsync("appointment", Builders.TestAppointments.GrainOf(appointment), new Orleans.GrainState<Grains.Appointments.AppointmentState>(appointment));

        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        var stored = await connection.Command("SELECT user_signature FROM appointments ORDER BY length(user_signature)").ListAsync(reader => reader.GetFieldValue<byte[]>(0), None);
        Assert.Equal(Protocol.Encoding.ZBase32.Decode(canonical.UserSignature), stored[0]);
        Assert.Equal([0, .. System.Text.Encoding.UTF8.GetBytes(text.UserSignature)], stored[1]);
    }
}

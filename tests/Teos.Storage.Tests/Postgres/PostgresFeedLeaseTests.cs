using Microsoft.Extensions.Logging.Abstractions;
using Teos.Storage.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>The block-feed lease: one holder at a time, freed by release or by the holder's connection dying.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFeedLeaseTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_second_silo_is_refused_while_the_first_holds_the_lease()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var first = new PostgresFeedLease(database, Interval, NullLogger.Instance);
        var second = new PostgresFeedLease(database, Interval, NullLogger.Instance);

        await using var held = await first.TryAcquireAsync(None);

        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync(None));
        Assert.Null(await first.TryAcquireAsync(None));
    }

    [Fact]
    public async Task A_released_lease_goes_to_the_next_silo_that_asks()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var first = new PostgresFeedLease(database, Interval, NullLogger.Instance);
        var second = new PostgresFeedLease(database, Interval, NullLogger.Instance);
        var held = (await first.TryAcquireAsync(None))!;

        await held.DisposeAsync();

        await using var taken = await second.TryAcquireAsync(None);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task When_the_holders_connection_is_killed_its_lease_fires_lost_and_another_silo_takes_over()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var first = new PostgresFeedLease(database, Interval, NullLogger.Instance);
        var second = new PostgresFeedLease(database, Interval, NullLogger.Instance);
        await using var held = (await first.TryAcquireAsync(None))!;
        var lost = new TaskCompletionSource();
        held.Lost.Register(() => lost.TrySetResult());

        Assert.Equal(1, await postgres.Server.TerminateSessionsAsync("teosd block-feed lease"));

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await using var taken = await second.TryAcquireAsync(None);
        Assert.NotNull(taken);
        Assert.False(taken.Lost.IsCancellationRequested);
    }
}

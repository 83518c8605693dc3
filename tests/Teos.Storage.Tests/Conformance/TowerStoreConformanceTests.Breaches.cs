using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    private const uint Delta = 6;

    [Fact]
    public async Task A_rust_appointment_matches_the_rust_locator_of_a_transaction_and_never_the_python_one()
    {
        var user = await Register(TestUsers.Subscription(profile: ClientProfile.Rust));
        var tx = TransactionLocators.Of(TestTransactions.RandomTxid());
        var byRust = await Add(TestAppointments.For(user, tx.Rust));
        await Add(TestAppointments.For(user, tx.Python));

        var found = await FindBreached([tx], height: 300);

        AssertSame(byRust, Assert.Single(found));
    }

    [Fact]
    public async Task A_python_appointment_matches_the_python_locator_of_a_transaction_and_never_the_rust_one()
    {
        var user = await Register(TestUsers.Subscription(profile: ClientProfile.Python));
        var tx = TransactionLocators.Of(TestTransactions.RandomTxid());
        var byPython = await Add(TestAppointments.For(user, tx.Python));
        await Add(TestAppointments.For(user, tx.Rust));

        var found = await FindBreached([tx], height: 300);

        AssertSame(byPython, Assert.Single(found));
    }

    [Fact]
    public async Task Every_user_holding_the_locator_is_found()
    {
        var tx = TransactionLocators.Of(TestTransactions.RandomTxid());
        var first = await Add(TestAppointments.For(await Register(TestUsers.Subscription()), tx.Rust));
        var second = await Add(TestAppointments.For(await Register(TestUsers.Subscription()), tx.Rust));

        var found = await FindBreached([tx], height: 300);

        Assert.Equal(new[] { first.Uuid, second.Uuid }.OrderBy(uuid => uuid.ToHex()), found.Select(a => a.Uuid).OrderBy(uuid => uuid.ToHex()));
    }

    [Fact]
    public async Task Appointments_of_owners_outdated_at_the_height_are_not_found_but_expired_ones_are()
    {
        var tx = TransactionLocators.Of(TestTransactions.RandomTxid());
        await Add(TestAppointments.For(await Register(TestUsers.Subscription(expiry: 294)), tx.Rust));
        var expired = await Add(TestAppointments.For(await Register(TestUsers.Subscription(expiry: 295)), tx.Rust));

        var found = await FindBreached([tx], height: 300);

        Assert.Equal(expired.Uuid, Assert.Single(found).Uuid);
    }

    [Fact]
    public async Task Triggered_appointments_are_not_found_again()
    {
        var user = await Register(TestUsers.Subscription());
        var tx = TransactionLocators.Of(TestTransactions.RandomTxid());
        var triggered = await Add(TestAppointments.For(user, tx.Rust));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(299))));

        Assert.Empty(await FindBreached([tx], height: 300));
    }

    [Fact]
    public async Task A_4000_transaction_block_finds_exactly_its_breaches()
    {
        var rustUser = await Register(TestUsers.Subscription(profile: ClientProfile.Rust));
        var pythonUser = await Register(TestUsers.Subscription(profile: ClientProfile.Python));
        var block = TestTransactions.Block(4000);
        var expected = new List<Appointment>();
        for (var i = 0; i < 4000; i += 500)
        {
            expected.Add(await Add(TestAppointments.For(rustUser, block[i].Rust)));
            expected.Add(await Add(TestAppointments.For(pythonUser, block[i + 1].Python)));
        }

        for (var i = 0; i < 50; i++)
            await Add(TestAppointments.For(rustUser));

        var found = await FindBreached(block, height: 300);

        Assert.Equal(expected.Select(a => a.Uuid.ToHex()).Order(), found.Select(a => a.Uuid.ToHex()).Order());
    }

    [Fact]
    public async Task An_empty_block_finds_nothing()
    {
        await Add(TestAppointments.For(await Register(TestUsers.Subscription())));

        Assert.Empty(await FindBreached([], height: 300));
    }

    private Task<IReadOnlyList<Appointment>> FindBreached(IReadOnlyList<TransactionLocators> block, uint height)
    {
        Locator[] rust = [.. block.Select(tx => tx.Rust)];
        Locator[] python = [.. block.Select(tx => tx.Python)];
        return Write(transaction => transaction.FindBreachedAsync(rust, python, height, Delta));
    }
}

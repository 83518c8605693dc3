using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>While bitcoind is unreachable, requests that pass the field checks get 503/32 (spec 3.3-3.6).</summary>
public sealed class BitcoindUnavailableTests(BitcoindUnavailableTests.DownTower fixture) : IClassFixture<BitcoindUnavailableTests.DownTower>
{
    private readonly TowerUnderTest _tower = fixture.Tower;

    /// <summary>
    /// A tower whose bitcoind stopped listening, once the block feed has given up on it; one profile-P and one
    /// profile-R user registered while it was up.
    /// </summary>
    public sealed class DownTower : IAsyncLifetime
    {
        public TowerUnderTest Tower { get; private set; } = null!;

        public TestUser PythonUser { get; } = TestUser.Random();

        public TestUser RustUser { get; } = TestUser.Random();

        public async Task InitializeAsync()
        {
            Tower = await TowerUnderTest.StartAsync();
            Assert.Equal(200, (await Tower.PostAsync("/register", PythonUser.PythonRegisterBody())).Status);
            Assert.Equal(200, (await Tower.PostAsync("/register", RustUser.RegisterBody())).Status);
            await Tower.Bitcoind.StopListeningAsync();

            // The RPC client retries for its whole budget (30 s by default) before the feed reports the outage.
            await TowerUnderTest.WaitUntilAsync(
                () => Task.FromResult(!Tower.BitcoindReachable), "bitcoind seen as unreachable", TimeSpan.FromSeconds(90));
        }

        public async Task DisposeAsync()
        {
            await Tower.Bitcoind.StartListeningAsync();
            await Tower.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_endpoint_answers_503_code_32()
    {
        var user = TestUser.Random();
        var answers = new[]
        {
            await _tower.PostAsync("/register", user.RegisterBody()),
            await _tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob)),
            await _tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator())),
            await _tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody()),
        };

        Assert.All(answers, answer => Assert.Equal("""{"error":"Service currently unavailable","error_code":32}""", answer.Body));
        Assert.All(answers, answer => Assert.Equal(503, answer.Status));
    }

    [Fact]
    public async Task A_known_python_user_reads_python_teos_503_body_on_each_endpoint()
    {
        var user = fixture.PythonUser;
        var answers = new[]
        {
            await _tower.PostAsync("/register", user.PythonRegisterBody()),
            await _tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob)),
            await _tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator())),
            await _tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody()),
        };

        Assert.All(answers, answer => Assert.Equal("""{"error":"Service unavailable"}""", answer.Body));
        Assert.All(answers, answer => Assert.Equal(503, answer.Status));
    }

    [Fact]
    public async Task A_known_rust_user_still_reads_code_32()
    {
        var user = fixture.RustUser;
        var answers = new[]
        {
            await _tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob)),
            await _tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator())),
            await _tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody()),
        };

        Assert.All(answers, answer => Assert.Equal("""{"error":"Service currently unavailable","error_code":32}""", answer.Body));
        Assert.All(answers, answer => Assert.Equal(503, answer.Status));
    }

    [Fact]
    public async Task The_key_check_comes_after_the_availability_check()
    {
        var answer = await _tower.PostAsync("/register", $$"""{"user_id": "02{{new string('f', 64)}}"}""");

        Assert.Equal(503, answer.Status);
    }

    [Fact]
    public async Task Field_checks_still_come_first()
    {
        var answer = await _tower.PostAsync("/get_subscription_info", """{"signature": ""}""");

        Assert.Equal(2, answer.ErrorCode);
    }

    [Fact]
    public async Task Ping_does_not_look_at_bitcoind()
    {
        Assert.Equal(200, (await _tower.SendAsync(HttpMethod.Get, "/ping", body: null)).Status);
    }
}

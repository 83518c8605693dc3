using System.Net;
using System.Text;
using Teos.Api.Tests.Support;
using Teos.TestSupport.Network;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Registrations are limited per client address (60 a minute by default); other addresses are not affected.</summary>
public sealed class RegistrationRateLimitTests
{
    private const string TooManyRequests = """{"error":"Too many requests","error_code":32}""";

    [Fact]
    public async Task A_registration_flood_from_one_address_is_limited_while_another_address_registers()
    {
        await using var tower = await TowerUnderTest.StartAsync();
        using var flooder = LoopbackClient.Http(tower.BaseAddress, LoopbackClient.Address(2));

        var answers = new List<(HttpStatusCode Status, string Body, string? RetryAfter)>();
        var flooding = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
            answers.Add(await RegisterAsync(flooder, TestUser.Random().RegisterBody()));

        // A burst of 60, then one more a second.
        Assert.All(answers.Take(60), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.InRange(answers.Count(answer => answer.Status == HttpStatusCode.OK), 60, 61 + (int)flooding.Elapsed.TotalSeconds);
        var limited = answers.Where(answer => answer.Status != HttpStatusCode.OK).ToList();
        Assert.All(limited, answer => Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status));
        Assert.All(limited, answer => Assert.Equal(TooManyRequests, answer.Body));
        Assert.All(limited, answer => Assert.InRange(int.Parse(answer.RetryAfter!), 1, 60));

        using var neighbour = LoopbackClient.Http(tower.BaseAddress, LoopbackClient.Address(3));
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(neighbour, TestUser.Random().RegisterBody())).Status);
    }

    [Fact]
    public async Task A_limited_python_teos_registration_gets_the_python_shape()
    {
        await using var tower = await TowerUnderTest.StartAsync("max_registrations_per_minute = 1");
        Assert.Equal(200, (await tower.PostAsync("/register", TestUser.Random().RegisterBody())).Status);

        var answer = await tower.PostAsync("/register", $$"""{"public_key": "{{TestUser.Random().UserId}}"}""");

        Assert.Equal(429, answer.Status);
        Assert.Equal("""{"error":"Too many requests"}""", answer.Body);
    }

    [Fact]
    public async Task Only_registrations_are_limited()
    {
        await using var tower = await TowerUnderTest.StartAsync("max_registrations_per_minute = 1");
        var user = TestUser.Random();
        Assert.Equal(200, (await tower.PostAsync("/register", user.RegisterBody())).Status);
        Assert.Equal(429, (await tower.PostAsync("/register", TestUser.Random().RegisterBody())).Status);

        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody())).Status);
    }

    [Fact]
    public async Task X_forwarded_for_names_the_client_only_behind_a_trusted_proxy()
    {
        await using var tower = await TowerUnderTest.StartAsync("max_registrations_per_minute = 2", "trusted_proxies = \"127.0.0.5\"");
        using var proxy = LoopbackClient.Http(tower.BaseAddress, LoopbackClient.Address(5));
        using var stranger = LoopbackClient.Http(tower.BaseAddress, LoopbackClient.Address(6));

        // Through the proxy, each forwarded client has its own count.
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(proxy, TestUser.Random().RegisterBody(), "203.0.113.7")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(proxy, TestUser.Random().RegisterBody(), "203.0.113.7")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegisterAsync(proxy, TestUser.Random().RegisterBody(), "203.0.113.7")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(proxy, TestUser.Random().RegisterBody(), "198.51.100.1, 203.0.113.8")).Status);

        // Anyone else's X-Forwarded-For is ignored: a fresh value per request does not buy a fresh count.
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(stranger, TestUser.Random().RegisterBody(), "192.0.2.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(stranger, TestUser.Random().RegisterBody(), "192.0.2.2")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegisterAsync(stranger, TestUser.Random().RegisterBody(), "192.0.2.3")).Status);
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        await using var tower = await TowerUnderTest.StartAsync("max_registrations_per_minute = 0");

        for (var i = 0; i < 70; i++)
            Assert.Equal(200, (await tower.PostAsync("/register", TestUser.Random().RegisterBody())).Status);
    }

    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> RegisterAsync(
        HttpClient http, string body, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString("F0"));
    }
}

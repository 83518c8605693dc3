using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Teos.Api.Limits;
using Teos.Api.Tests.Support;
using Teos.Grains.Chain;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Grains.Users;
using Teos.Protocol.Signing;
using Teos.TestSupport.Logging;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>
/// The one exception boundary: the public API over grains that throw, served by Kestrel on loopback.
/// Never a 500: 400/255 for a bug, 503/32 when the failure is bitcoind's, the machine's under the store, or a silo's.
/// </summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task A_service_that_throws_is_answered_400_code_255()
    {
        await using var app = await StartAsync(() => new InvalidOperationException("boom"));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync("/register", new StringContent(TestUser.Random().RegisterBody(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"error":"Unexpected error","error_code":255}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unreachable_bitcoind_thrown_from_a_service_is_503_code_32()
    {
        await using var app = await StartAsync(() => new BitcoindUnreachableException("refused"));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync("/get_subscription_info", new StringContent(TestUser.Random().SubscriptionInfoBody(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(503, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_storage_fault_is_answered_503_code_32_with_one_warning_line_and_no_stack_trace() =>
        await AssertOutageAnsweredAsync(
            () => new StorageUnavailableException("storage unavailable: database or disk is full", new IOException("No space left on device")),
            """{"error":"Service currently unavailable: the tower cannot store data right now","error_code":32}""",
            "Answered /register with 503: storage unavailable: database or disk is full");

    [Fact]
    public async Task A_grain_call_that_timed_out_is_answered_503_code_32_with_one_warning_line() =>
        await AssertOutageAnsweredAsync(
            () => new TimeoutException("Response did not arrive on time in 00:00:05"),
            """{"error":"Service currently unavailable: a silo of the tower did not answer in time","error_code":32}""",
            "Answered /register with 503: Response did not arrive on time in 00:00:05");

    /// <summary>A register whose grain call fails with <paramref name="failure"/>: 503 with the body, and one warning line without a stack trace.</summary>
    private static async Task AssertOutageAnsweredAsync(Func<Exception> failure, string body, string warning)
    {
        var log = new LogCapture();
        await using var app = await StartAsync(failure, log);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync("/register", new StringContent(TestUser.Random().RegisterBody(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Equal(warning, entry.Message);
    }

    private static async Task<WebApplication> StartAsync(Func<Exception> failure, LogCapture? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (log is not null)
            builder.Logging.AddProvider(log);
        builder.Services.AddSingleton(ThrowingGrains.Create(failure));
        builder.Services.AddSingleton(new TowerIdentity(SecretKey.Generate()));
        builder.Services.AddSingleton(LightningMessageSigner.Default);
        builder.Services.AddSingleton(Options.Create(new SubscriptionOptions()));
        builder.Services.AddSingleton<UserRequests>();
        builder.Services.AddSingleton<IBitcoindReachability, AlwaysReachable>();
        builder.Services.AddSingleton(DiskWatermark.None);
        // The endpoints' own dependencies, so the failure that answers is the grains', not a missing service.
        builder.Services.AddSingleton<TowerMetrics>();
        builder.Services.AddTeosPublicApi();
        var app = builder.Build();
        app.MapTeosPublicApi();
        await app.StartAsync();
        return app;
    }

    private sealed class AlwaysReachable : IBitcoindReachability
    {
        public bool IsReachable => true;
    }
}

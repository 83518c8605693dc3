using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Teos.Grains.Tower;

namespace Teos.Silo.Operator;

/// <summary>
/// The operator listener's three endpoints: Prometheus metrics (OpenTelemetry's exporter), liveness (the process
/// answers) and readiness (every check tagged <see cref="ReadyTag"/>: storage, bitcoind, a current chain view). A new
/// readiness rule is one more <c>AddCheck&lt;T&gt;(name, tags: [ReadyTag])</c> in <see cref="AddTeosOperatorEndpoints"/>.
/// </summary>
public static partial class OperatorEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    /// <summary>Meters exported: the tower's own and its storage's ("Teos.Storage.Sqlite"). Orleans' is "Microsoft.Orleans".</summary>
    public static readonly string[] Meters = [TowerMetrics.MeterName, TowerMetrics.MeterName + ".*"];

    public static IServiceCollection AddTeosOperatorEndpoints(this IServiceCollection services, OperatorListener listener)
    {
        services.AddSingleton(listener);
        services.AddSingleton<TowerSnapshot>();
        services.AddSingleton<TowerGauges>();
        // Scrapes are not cached: the sample behind the gauges is already at most a second old.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("teosd"))
            .WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddHealthChecks()
            .AddCheck<StorageReadiness>("storage", tags: [ReadyTag])
            .AddCheck<BitcoindReadiness>("bitcoind", tags: [ReadyTag])
            .AddCheck<ChainViewReadiness>("chain", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Serves the endpoints on the operator listener only; there, every other path is 404.</summary>
    public static WebApplication UseTeosOperatorEndpoints(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<OperatorListener>();
        var snapshot = app.Services.GetRequiredService<TowerSnapshot>();
        _ = app.Services.GetRequiredService<TowerGauges>();
        app.MapWhen(context => listener.Owns(context.Connection), branch =>
        {
            branch.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Request.Path == MetricsPath,
                path: null,
                configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
                {
                    await snapshot.RefreshAsync(context.RequestAborted);
                    await next(context);
                }),
                optionsName: null);
            branch.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReportAsync });
            branch.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReportAsync });
            branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("teosd");
        app.Lifetime.ApplicationStarted.Register(() => LogListening(logger, $"http://{listener.EndPoint}", MetricsPath, LivePath, ReadyPath));
        return app;
    }

    /// <summary>{"status": ..., "checks": {name: {"status", "description"}}}: a probe reads the status code, a person the reasons.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Metrics and health on {Url}: {Metrics}, {Live}, {Ready}")]
    private static partial void LogListening(ILogger logger, string url, string metrics, string live, string ready);
}

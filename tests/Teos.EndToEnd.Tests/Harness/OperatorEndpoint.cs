using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>teosd's operator listener as Prometheus and a Kubernetes probe see it.</summary>
public sealed class OperatorEndpoint(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<Scrape> ScrapeAsync() => new(await _http.GetStringAsync("metrics"));

    /// <summary>Scrapes until <paramref name="ready"/> holds (bounded); the tower's sample may be a second old.</summary>
    public async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> ready, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var scrape = await ScrapeAsync();
            if (ready(scrape))
                return scrape;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"metrics never showed {what}:\n{scrape.Text}");
            await Task.Delay(200);
        }
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One Prometheus text exposition.</summary>
public sealed record Scrape(string Text)
{
    /// <summary>The sum of the series named <paramref name="name"/> carrying every given label, or null when there is none.</summary>
    public double? Value(string name, params string[] labels)
    {
        double? sum = null;
        foreach (Match match in Regex.Matches(Text, $@"^{Regex.Escape(name)}(?:\{{(?<labels>[^}}]*)\}})? (?<value>\S+)$", RegexOptions.Multiline))
        {
            if (labels.All(label => match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
                sum = (sum ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return sum;
    }
}

using System.Net.Sockets;
using System.Text.Json;
using Teos.EndToEnd.Tests.Harness;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// The README's first command (teos-playground, run by <c>dotnet run --project src/Playground</c>) and its tour,
/// as a newcomer runs them, on free loopback ports.
/// </summary>
public sealed class PlaygroundTests
{
    [Fact]
    public async Task The_playground_starts_its_tour_answers_a_breach_and_sigterm_stops_tower_and_simulator()
    {
        var dir = Directory.CreateTempSubdirectory("teos-playground-").FullName;
        try
        {
            await using var playground = ChildProcess.Start(
                "teos-playground.dll", ["--dir", dir, "--apiport", "0", "--rpcport", "0", "--metricsport", "0", "--simport", "0"], "playground");
            await playground.WaitForLineAsync("^Playground ready", TimeSpan.FromSeconds(90));
            await playground.WaitForLineAsync(@"^\s+dotnet run --project src/Playground -- tour --dir ", TimeSpan.FromSeconds(5));
            var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "playground.json"))).RootElement;
            var bitcoind = new Uri(state.GetProperty("bitcoind").GetString()!);
            var towerId = state.GetProperty("tower_id").GetString()!;
            Assert.Equal(1, playground.CountLines($"^  tower id +{towerId}$"));

            var tour = await CliRun.RunAsync("teos-playground.dll", "tour", "--dir", dir);

            Assert.True(tour.ExitCode == 0, tour.ToString());
            Assert.Contains("receipt              signature verified against the tower id", tour.Stdout, StringComparison.Ordinal);
            Assert.Contains("status          being_watched", tour.Stdout, StringComparison.Ordinal);
            Assert.Contains("status         dispute_responded", tour.Stdout, StringComparison.Ordinal);
            Assert.Matches(@"penalty [0-9a-f]{64} is in bitcoind's mempool: the tower broadcast it", tour.Stdout);
            Assert.Matches(@"penalty [0-9a-f]{64} has 1 confirmation\(s\)", tour.Stdout);
            Assert.Contains("Tour done: the breach was answered.", tour.Stdout, StringComparison.Ordinal);
            await playground.WaitForLineAsync(@"info: .*Breach: commitment [0-9a-f]{64} in block \d+ .*bitcoind accepted it into its mempool", TimeSpan.FromSeconds(10));

            Assert.Equal(0, await playground.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, playground.CountLines("^Playground stopped: tower and bitcoind simulator.$"));
            Assert.False(File.Exists(Path.Combine(dir, "playground.json")));
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(bitcoind.Host, bitcoind.Port));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_tour_without_a_playground_says_how_to_start_one()
    {
        var dir = Directory.CreateTempSubdirectory("teos-playground-").FullName;
        try
        {
            var tour = await CliRun.RunAsync("teos-playground.dll", "tour", "--dir", dir);

            Assert.Equal(1, tour.ExitCode);
            Assert.Equal($"teos-playground tour: no playground runs from {dir}; start one first: dotnet run --project src/Playground", tour.Stderr.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

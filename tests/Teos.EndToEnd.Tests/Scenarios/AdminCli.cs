using System.Globalization;
using Teos.EndToEnd.Tests.Harness;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>teos-cli (from its own folder, see the project file) pointed at a fixture's tower: its data dir (certificates) and its admin port.</summary>
public static class AdminCli
{
    public static Task<CliRun> RunAsync(TowerFixture fixture, params string[] command) =>
        RunAsync(fixture.DataDir, fixture.Tower, command);

    /// <summary>teos-cli against one silo: its data dir holds the certificates teos-cli reads.</summary>
    public static Task<CliRun> RunAsync(string dataDir, Teosd silo, params string[] command) =>
        CliRun.RunAsync(Path.Combine("cli", "teos-cli.dll"),
        [
            "--datadir", dataDir, "--rpcbind", "127.0.0.1",
            "--rpcport", silo.Admin.Port.ToString(CultureInfo.InvariantCulture), .. command,
        ]);

    /// <summary>The tower id teosd logged at start (spec 6.2).</summary>
    public static string TowerId(TowerFixture fixture) =>
        System.Text.RegularExpressions.Regex.Match(fixture.Tower.Output, "tower_id: ([0-9a-f]{66})").Groups[1].Value;
}

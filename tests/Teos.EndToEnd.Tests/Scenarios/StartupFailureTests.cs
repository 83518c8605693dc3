using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Teos.EndToEnd.Tests.Harness;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// A real teosd that cannot start says why and what to change in one line on stderr, exits with status 1, prints
/// no stack trace (unless --debug) and never logs "Tower ready".
/// </summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("teos-startup-").FullName;
    private Simulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await Simulator.StartAsync();

    [Fact]
    public async Task A_port_in_use_names_the_port_and_the_option_to_change()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var run = await TeosdAsync(DataDir("port"), "--apiport", Number(port));

        AssertFailure(run, $"cannot listen on 127.0.0.1:{port}: the port is already in use (another teosd?): stop that process or choose another port with --apiport");
    }

    [Fact]
    public async Task A_data_dir_that_is_a_file_is_refused()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");

        var run = await TeosdAsync(file);

        AssertFailure(run, $"the data dir {file} is a file, not a directory: give --datadir a directory");
    }

    [Fact]
    public async Task With_debug_the_stack_trace_follows_the_line()
    {
        var file = Path.Combine(_root, "a-file-debugged");
        await File.WriteAllTextAsync(file, "not a directory");

        var run = await TeosdAsync(file, "--debug");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"teosd: the data dir {file} is a file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_unwritable_data_dir_is_refused()
    {
        var parent = Path.Combine(_root, "locked");
        Directory.CreateDirectory(parent);
        await using var locked = await Unwritable.LockAsync(parent);

        var run = await TeosdAsync(Path.Combine(parent, "teos"));

        AssertFailure(run, $"cannot create the data dir {Path.Combine(parent, "teos")} (permission denied): choose another with --datadir or fix the permissions of {parent}");
    }

    [Fact]
    public async Task A_second_tower_on_one_data_dir_is_refused()
    {
        var dataDir = DataDir("shared");
        await using var first = await Teosd.StartAsync(dataDir, _simulator, LoopbackPort.Free());

        var run = await TeosdAsync(dataDir);

        AssertFailure(run, $"another teosd is running on this data dir ({Path.Combine(dataDir, "regtest", "teos_db.sql3")} is locked): stop it, or give this one another --datadir (several silos share one PostgreSQL database with --dbconnect)");
    }

    [Fact]
    public async Task A_network_mismatch_names_both_networks_and_creates_nothing_for_the_wrong_one()
    {
        var dataDir = DataDir("signet");

        var run = await TeosdAsync(dataDir, "--btcnetwork", "signet");

        AssertFailure(run, "bitcoind is on regtest but teosd is configured for signet: pass --btcnetwork regtest, or point --btcrpcconnect/--btcrpcport at a signet node");
        Assert.False(Directory.Exists(Path.Combine(dataDir, "signet")));
    }

    [Fact]
    public async Task A_fresh_regtest_node_is_refused_with_the_hint_to_mine()
    {
        await using var fresh = await Simulator.StartAsync(initialBlocks: 5);

        var run = await TeosdAsync(DataDir("fresh"), "--btcrpcport", Number(fresh.Port));

        AssertFailure(run, "bitcoind (regtest) is at height 5; the tower needs at least 100 blocks: mine some first, e.g. bitcoin-cli -regtest generatetoaddress 101 <address>");
    }

    [Fact]
    public async Task An_unreachable_bitcoind_is_named_with_its_address()
    {
        var nobody = LoopbackPort.Free();

        var run = await TeosdAsync(DataDir("unreachable"), "--btcrpcport", Number(nobody));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(Lines(run.Stderr));
        Assert.StartsWith($"teosd: bitcoind at http://127.0.0.1:{nobody}/ unreachable for getblockchaininfo after ", line, StringComparison.Ordinal);
        Assert.EndsWith(": start bitcoind, or point --btcrpcconnect/--btcrpcport at it", line, StringComparison.Ordinal);
        AssertQuiet(run);
    }

    [Fact]
    public async Task A_misspelled_key_in_teos_toml_is_refused_naming_the_nearest_valid_one()
    {
        var dataDir = DataDir("misspelled");
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "teos.toml"), "subscription_slot = 10\n");

        var run = await TeosdAsync(dataDir);

        AssertFailure(run, $"{Path.Combine(dataDir, "teos.toml")}: unknown key 'subscription_slot' (did you mean 'subscription_slots'?): fix or remove it");
    }

    [Fact]
    public async Task A_teos_toml_that_does_not_parse_is_refused_and_nothing_starts_on_defaults()
    {
        var dataDir = DataDir("broken");
        Directory.CreateDirectory(dataDir);
        var config = Path.Combine(dataDir, "teos.toml");
        await File.WriteAllTextAsync(config, "btc_network = \"regtest\"\nbtc_rpc_user = user-without-quotes\n");

        var run = await TeosdAsync(dataDir);

        AssertFailure(run, $"{config}:2: unsupported value `user-without-quotes` (strings must be quoted): fix {config} (teosd does not start on defaults instead)");
        Assert.False(Directory.Exists(Path.Combine(dataDir, "main")));
    }

    [Fact]
    public async Task Rust_teos_settings_teos_lacks_and_unknown_environment_variables_start_with_one_warning_each()
    {
        var dataDir = DataDir("tor");
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "teos.toml"), "tor_support = true\ntor_control_port = 9051\n");

        await using var tower = await Teosd.StartAsync(dataDir, _simulator, LoopbackPort.Free(), environment: new Dictionary<string, string> { ["TEOS_API_PROT"] = "1" });

        Assert.Equal(1, tower.CountLines(@"warn: .*tor_support ignored: Teos does not publish the API as a Tor onion service"));
        Assert.Equal(1, tower.CountLines(@"warn: .*tor_control_port ignored"));
        Assert.Equal(1, tower.CountLines(@"warn: .*TEOS_API_PROT ignored: not a teosd setting \(did you mean TEOS_API_PORT\?\)"));
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var run = await CliRun.RunAsync("teosd.dll", "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^teosd \d+\.\d+\.\d+", run.Stdout);
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string DataDir(string name) => Path.Combine(_root, name);

    private Task<CliRun> TeosdAsync(string dataDir, params string[] extra) =>
        CliRun.RunAsync("teosd.dll",
        [
            "--datadir", dataDir, "--btcnetwork", "regtest", "--btcrpcuser", Simulator.User, "--btcrpcpassword", Simulator.Password,
            "--btcrpcconnect", "127.0.0.1", "--btcrpcport", Number(_simulator.Port),
            "--apiport", "0", "--rpcport", "0", "--metricsport", "0", .. extra,
        ]);

    private static void AssertFailure(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal([$"teosd: {expected}"], Lines(run.Stderr));
        AssertQuiet(run);
    }

    private static void AssertQuiet(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Tower ready", run.Stdout, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A directory nobody can create entries in: chmod 0555 for a normal user; root ignores modes, so as root the
    /// directory is made immutable (chattr +i), which binds root too.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class Unwritable(string path, bool immutable) : IAsyncDisposable
    {
        public static async Task<Unwritable> LockAsync(string path)
        {
            if (Environment.UserName != "root")
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                return new Unwritable(path, immutable: false);
            }

            await ChattrAsync("+i", path);
            return new Unwritable(path, immutable: true);
        }

        public async ValueTask DisposeAsync()
        {
            if (immutable)
                await ChattrAsync("-i", path);
            else
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private static async Task ChattrAsync(string flag, string path)
        {
            using var chattr = Process.Start("chattr", [flag, path]);
            await chattr.WaitForExitAsync();
            if (chattr.ExitCode != 0)
                throw new InvalidOperationException($"chattr {flag} {path} failed ({chattr.ExitCode}): this file system cannot make a directory unwritable for root");
        }
    }
}

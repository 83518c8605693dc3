using Teos.Api.Connections;
using Teos.Api.Limits;
using Teos.Grains.Users;
using Teos.Silo.Bitcoind;
using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Xunit;

namespace Teos.Silo.Tests.Configuration;

public sealed class TeosdConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("teosd-config-");

    [Fact]
    public void Flags_win_over_environment_which_wins_over_the_file()
    {
        WriteConfig("api_port = 1000", "btc_rpc_user = \"file\"", "btc_rpc_password = \"file\"", "subscription_slots = 7");
        var environment = new Dictionary<string, string?> { ["TEOS_BTC_RPC_USER"] = "env", ["TEOS_API_PORT"] = "2000" };

        var configuration = TeosdConfiguration.Build(["--datadir", _dataDir.FullName, "--apiport=3000"], environment);

        var teosd = new TeosdOptions();
        configuration.Bind(teosd);
        var bitcoind = new BitcoindOptions();
        configuration.Bind(bitcoind);
        var subscriptions = new SubscriptionOptions();
        configuration.Bind(subscriptions);
        Assert.Equal(3000, teosd.ApiPort);
        Assert.Equal("env", bitcoind.RpcUser);
        Assert.Equal("file", bitcoind.RpcPassword);
        Assert.Equal(7u, subscriptions.SubscriptionSlots);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void The_limits_bind_from_the_file_and_the_environment()
    {
        WriteConfig(
            "max_connections = 900", "max_connections_per_address = 64", "keep_alive_timeout = 20", "request_headers_timeout = 5",
            "max_streams_per_connection = 8", "trusted_proxies = \"10.0.0.1, 10.9.0.0/16\"", "min_free_disk_mib = 512");
        var environment = new Dictionary<string, string?> { ["TEOS_MAX_REGISTRATIONS_PER_MINUTE"] = "0", ["TEOS_MIN_FREE_DISK_PERCENT"] = "2.5" };

        var (connections, requests) = BindLimits(environment);

        Assert.Equal((900, 64, 8), (connections.MaxConnections, connections.MaxConnectionsPerAddress, connections.MaxStreamsPerConnection));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)), (connections.KeepAliveTimeout, connections.RequestHeadersTimeout));
        Assert.Equal((0, "10.0.0.1, 10.9.0.0/16", 512L, 2.5), (requests.MaxRegistrationsPerMinute, requests.TrustedProxies, requests.MinFreeDiskMib, requests.MinFreeDiskPercent));
    }

    [Fact]
    public void The_limits_default_to_the_issue_23_values()
    {
        var (connections, requests) = BindLimits(new Dictionary<string, string?>());

        Assert.Equal((0, 256, 16), (connections.MaxConnections, connections.MaxConnectionsPerAddress, connections.MaxStreamsPerConnection));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (connections.KeepAliveTimeout, connections.RequestHeadersTimeout));
        Assert.Equal((60, "", 1024L, 5.0), (requests.MaxRegistrationsPerMinute, requests.TrustedProxies, requests.MinFreeDiskMib, requests.MinFreeDiskPercent));
    }

    [Fact]
    public void Overwrite_key_is_taken_from_the_command_line_only()
    {
        WriteConfig("overwrite_key = true");

        var fromFile = new TeosdOptions();
        TeosdConfiguration.Build(["--datadir", _dataDir.FullName], new Dictionary<string, string?>()).Bind(fromFile);
        var fromFlag = new TeosdOptions();
        TeosdConfiguration.Build(["--datadir", _dataDir.FullName, "--overwritekey"], new Dictionary<string, string?>()).Bind(fromFlag);

        Assert.False(fromFile.OverwriteKey);
        Assert.True(fromFlag.OverwriteKey);
    }

    [Fact]
    public void A_file_that_does_not_parse_is_refused_never_replaced_by_defaults()
    {
        WriteConfig("api_port = 1000", "[tables are not teosd settings]");

        var error = Assert.Throws<StartupException>(() => TeosdConfiguration.Build(["--datadir", _dataDir.FullName], new Dictionary<string, string?>()));

        Assert.StartsWith($"{Path.Combine(_dataDir.FullName, "teos.toml")}:2: expected `key = value`", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not start on defaults", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_prot = 1000", "api_prot", "api_port")]
    [InlineData("btc_rpc_usr = \"u\"", "btc_rpc_usr", "btc_rpc_user")]
    [InlineData("pollingdelta = 5", "pollingdelta", "polling_delta")]
    public void An_unknown_key_in_the_file_is_refused_naming_the_nearest_valid_one(string line, string key, string nearest)
    {
        WriteConfig(line);

        var error = Assert.Throws<StartupException>(() => TeosdConfiguration.Build(["--datadir", _dataDir.FullName], new Dictionary<string, string?>()));

        Assert.Contains($"unknown key '{key}' (did you mean '{nearest}'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rust_teos_keys_teos_does_not_implement_are_accepted_with_one_warning_each()
    {
        WriteConfig("tor_support = true", "tor_control_port = 9051", "internal_api_port = 50051", "api_port = 1000");

        var configuration = TeosdConfiguration.Build(["--datadir", _dataDir.FullName, "--torsupport"], new Dictionary<string, string?>());

        var teosd = new TeosdOptions();
        configuration.Bind(teosd);
        Assert.Equal(1000, teosd.ApiPort);
        Assert.Equal(4, configuration.Warnings.Count);
        Assert.Single(configuration.Warnings, w => w.Contains("tor_support ignored: Teos does not publish the API as a Tor onion service", StringComparison.Ordinal));
        Assert.Single(configuration.Warnings, w => w.StartsWith("--torsupport ignored", StringComparison.Ordinal));
        Assert.Single(configuration.Warnings, w => w.Contains("internal_api_port ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_teos_environment_variables_are_warned_about_and_ignored()
    {
        var environment = new Dictionary<string, string?> { ["TEOS_API_PROT"] = "1", ["TEOS_API_PORT"] = "2000", ["PATH"] = "/bin" };

        var configuration = TeosdConfiguration.Build(["--datadir", _dataDir.FullName], environment);

        var teosd = new TeosdOptions();
        configuration.Bind(teosd);
        Assert.Equal(2000, teosd.ApiPort);
        Assert.Equal(["TEOS_API_PROT ignored: not a teosd setting (did you mean TEOS_API_PORT?)"], configuration.Warnings);
    }

    [Fact]
    public void Metrics_listener_settings_are_read_from_the_file()
    {
        WriteConfig("metrics_bind = \"0.0.0.0\"", "metrics_port = 9100");

        var teosd = new TeosdOptions();
        TeosdConfiguration.Build(["--datadir", _dataDir.FullName], new Dictionary<string, string?>()).Bind(teosd);

        Assert.Equal("0.0.0.0", teosd.MetricsBind);
        Assert.Equal(9100, teosd.MetricsPort);
    }

    [Fact]
    public void Fractional_polling_delta_is_allowed_for_tests()
    {
        var teosd = new TeosdOptions();
        TeosdConfiguration.Build(["--datadir", _dataDir.FullName, "--pollingdelta", "0.1"], new Dictionary<string, string?>()).Bind(teosd);

        Assert.Equal(0.1, teosd.PollingDelta);
    }

    [Fact]
    public void An_unknown_flag_names_the_nearest_one()
    {
        var error = Assert.Throws<ArgumentException>(() => TeosdConfiguration.Build(["--apiprot", "1"], new Dictionary<string, string?>()));

        Assert.Equal("Unknown option '--apiprot' (did you mean --apiport? see --help)", error.Message);
    }

    [Theory]
    [InlineData("--nosuchflag")]
    [InlineData("positional")]
    [InlineData("--apiport")]
    public void Bad_command_lines_fail_naming_the_problem(string arg)
    {
        var error = Assert.Throws<ArgumentException>(() => TeosdConfiguration.Build([arg], new Dictionary<string, string?>()));

        Assert.Contains(arg.TrimStart('-'), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_number_names_the_setting()
    {
        var configuration = TeosdConfiguration.Build(["--datadir", _dataDir.FullName, "--apiport", "many"], new Dictionary<string, string?>());

        var error = Assert.Throws<InvalidOperationException>(() => configuration.Bind(new TeosdOptions()));

        Assert.Contains("api_port", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dataDir.Delete(recursive: true);

    private (ConnectionLimitOptions Connections, RequestLimitOptions Requests) BindLimits(Dictionary<string, string?> environment)
    {
        var configuration = TeosdConfiguration.Build(["--datadir", _dataDir.FullName], environment);
        var connections = new ConnectionLimitOptions();
        configuration.Bind(connections);
        var requests = new RequestLimitOptions();
        configuration.Bind(requests);
        return (connections, requests);
    }

    private void WriteConfig(params string[] lines) => File.WriteAllLines(Path.Combine(_dataDir.FullName, "teos.toml"), lines);
}

using System.Reflection;

namespace Teos.Silo;

/// <summary>teosd --help and --version.</summary>
public static class Usage
{
    /// <summary>"teosd 0.1.0+&lt;commit&gt;": the informational version the build stamps, with the source revision.</summary>
    public static string Version =>
        "teosd " + (typeof(Usage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public const string Text = """
        teosd: The Eye of Satoshi watchtower (a Teos silo)

        Usage: teosd [options]
               teosd backup <dir> [--datadir <dir>]     consistent copy of an embedded tower, also while it runs
               teosd restore <dir> [--datadir <dir>]    into a data dir without a tower, teosd stopped
               teosd migrate --dbconnect <connstr> [--datadir <dir>] [--btcnetwork <network>]
                                                        move an embedded tower into an empty PostgreSQL database, teosd stopped

        Options (config file keys in brackets; precedence: defaults < <datadir>/teos.toml < TEOS_<KEY> environment < flags):
          --datadir <dir>            data directory (default ~/.teos)
          --btcnetwork <network>     mainnet | testnet | signet | regtest (default mainnet)          [btc_network]
          --btcrpcuser <user>        bitcoind RPC user                                               [btc_rpc_user]
          --btcrpcpassword <pw>      bitcoind RPC password                                           [btc_rpc_password]
          --btcrpccookie <path>      bitcoind .cookie file, instead of user and password             [btc_rpc_cookie]
          --btcrpcconnect <host>     bitcoind host (default localhost)                               [btc_rpc_connect]
          --btcrpcport <port>        bitcoind RPC port (default: the network's)                      [btc_rpc_port]
          --apibind <addr>           public API bind address (default 127.0.0.1)                     [api_bind]
          --apiport <port>           public API port (default 9814)                                  [api_port]
          --rpcbind <addr>           admin API bind address (default 127.0.0.1)                      [rpc_bind]
          --rpcport <port>           admin API port, HTTPS with client certificates (default 8814)    [rpc_port]
          --metricsbind <addr>       metrics and health bind address (default 127.0.0.1)            [metrics_bind]
          --metricsport <port>       /metrics, /health/live, /health/ready (default 9816)            [metrics_port]
          --pollingdelta <seconds>   seconds between bitcoind polls, fractions allowed (default 60)  [polling_delta]
          --dbconnect <connstr>      PostgreSQL connection string shared by several silos              [db_connect]
                                     (default: SQLite in <datadir>/<network>/teos_db.sql3, one silo)
          --siloport <port>          Orleans silo-to-silo port (default 11111)                       [silo_port]
          --gatewayport <port>       Orleans gateway port, 0 for none (default 30000)                [gateway_port]
          --siloaddress <addr>       address other silos reach this one at (default 127.0.0.1)       [silo_address]
          --clusterid <id>           Orleans cluster id (default teos-<network>)                     [cluster_id]
          --serviceid <id>           Orleans service id, scopes stored state (default teos-<network>) [service_id]
          Cluster failure detection (PostgreSQL): --clusterprobetimeout <s> (1), --clustermissedprobes <n> (3),
          --clusterdeathvotes <n> (2), --clustertablerefresh <s> (2), --clusterresponsetimeout <s> (5)
          --overwritekey             generate a new tower key (the old ones are kept)
          --forceupdate              allow starting on a pruned node that is too far ahead
          --debug                    debug logging, and stack traces of start-up failures            [debug]
          --dashboard                the Orleans Dashboard on the admin listener, /dashboard (client   [dashboard]
                                     certificate required; about 100 MiB per silo; off by default)
          --version                  print the version
          --help                     this text

        File-only settings: subscription_slots (10000), subscription_duration (4320), expiry_delta (6),
        min_to_self_delay (20), max_appointments (0 = no cap), locator_cache_size (6).

        rust-teos settings Teos does not implement (tor_support, tor_control_port, onion_hidden_service_port,
        internal_api_bind, internal_api_port) are accepted with a warning; any other unknown key in teos.toml stops
        teosd, and an unknown TEOS_* variable is warned about.

        Files: teosd creates everything owner-only (data dir 0700, keys and databases 0600) and fixes, with a
        warning, any it finds readable by others.

        Limits, per silo (see README "Limits and faults"; each key also has its flag, e.g. --maxconnections):
          max_connections (0 = 75 % of the descriptor limit), max_connections_per_address (256),
          keep_alive_timeout (30 s), request_headers_timeout (10 s), max_streams_per_connection (16),
          max_registrations_per_minute (60 per client address; 0 = off), trusted_proxies ("" = trust no
          X-Forwarded-For), min_free_disk_mib (1024) and min_free_disk_percent (5): register and add_appointment
          answer 503 below the smaller of the two (0 = off).

        Admin API: on every start teosd makes any missing ca.pem, server.pem, client.pem (and their -key.pem)
        in <datadir>; teos-cli reads ca.pem, client.pem and client-key.pem from there (see teos-cli --help).
        """;
}

using Microsoft.Extensions.Logging;
using Teos.Grains.Chain;
using Teos.Grains.Users;
using Teos.Silo.Bitcoind;
using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Teos.Silo.Storage;
using Teos.Storage.Hosting;
using Teos.Storage.Move;

namespace Teos.Silo.Move;

/// <summary>
/// <c>teosd migrate --dbconnect &lt;connstr&gt;</c> grows an embedded tower into a cluster: it moves the SQLite database
/// of &lt;datadir&gt;/&lt;network&gt; into an empty PostgreSQL database (<see cref="TowerMove"/>), with teosd stopped.
/// Data dir, network and service id are read as teosd reads them (flags, TEOS_* variables, teos.toml), so the silos
/// started afterwards with the same settings and --dbconnect find the tower: same key, users, appointments, trackers, tip.
/// </summary>
public static class MigrateCommand
{
    public const string Migrate = "migrate";

    private const string UsageLine = "usage: teosd migrate --dbconnect <PostgreSQL connection string> [--datadir <dir>] [--btcnetwork <network>] [--serviceid <id>]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, bool debug, CancellationToken cancellationToken = default)
    {
        try
        {
            var configuration = TeosdConfiguration.Build(args.Skip(1).ToList());
            var teosd = new TeosdOptions();
            configuration.Bind(teosd);
            var bitcoind = new BitcoindOptions();
            configuration.Bind(bitcoind);
            var subscriptions = new SubscriptionOptions();
            configuration.Bind(subscriptions);
            if (string.IsNullOrWhiteSpace(teosd.DbConnect))
                throw new StartupException($"{UsageLine}: give the PostgreSQL database to move the tower into");
            if (!BitcoinNetwork.TryNormalize(bitcoind.Network, out _))
                throw new StartupException($"btc_network '{bitcoind.Network}' is not mainnet, testnet, signet or regtest: fix --btcnetwork");
            var target = TowerStoreFactory.Describe(TowerStoreFactory.PostgresSettings(teosd.DbConnect));

            using var loggers = LoggerFactory.Create(logging => TeosHost.ConfigureLogging(logging, teosd));
            var source = Path.Combine(teosd.ExpandedDataDir, bitcoind.Chain, TowerStoreFactory.SqliteFileName);
            var result = await TowerMove.RunAsync(
                source, teosd.DbConnect, teosd.ServiceIdOn(bitcoind.Chain), new StorageOptions { ExpiryDelta = subscriptions.ExpiryDelta },
                loggers, cancellationToken);
            Console.WriteLine(
                $"teosd: moved {source} into {target}: {result}. Start the silos with --dbconnect and the same --btcnetwork " +
                $"and service id ({teosd.ServiceIdOn(bitcoind.Chain)}); the SQLite file stays where it is: do not start the embedded tower on it again.");
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return StartupFailure.Report(e, debug, Console.Error);
        }
    }
}

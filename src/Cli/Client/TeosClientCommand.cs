using System.CommandLine;

namespace Teos.Cli.Client;

/// <summary>teos-client: a Lightning user's command line for any TEOS tower's public API.</summary>
public static class TeosClientCommand
{
    private const string Overview = """
        teos-client: use a TEOS watchtower (The Eye of Satoshi) to watch your channels.

        Your identity at a tower is a key that teos-client creates on first use in <datadir>/user_sk (default
        ~/.teos_client). Keep it: it is the only way to read or update your appointments.

        Every answer the tower signs is checked against the tower id you pin with --tower-id (the tower's
        public key, published by its operator; teosd logs it as 'tower_id'). If a signature does not verify,
        teos-client says so on stderr and exits with status 2; other errors exit with status 1.

        Getting started:
          teos-client register --tower http://tower.example:9814 --tower-id 02...
              (register remembers the tower and its id in <datadir>/tower.json for the commands below)
          teos-client add-appointment --commitment-txid <txid> --penalty-tx <raw tx hex>
          teos-client get-appointment <locator>
          teos-client get-subscription-info
        """;

    private static readonly Option<string> DataDir = new("--datadir")
    {
        Description = "where the user key and the pinned tower are kept (default ~/.teos_client)",
        Recursive = true,
    };

    private static readonly Option<string> Tower = new("--tower")
    {
        Description = "the tower's public API URL (default: the registered tower, else http://localhost:9814)",
        Recursive = true,
    };

    private static readonly Option<string> TowerId = new("--tower-id")
    {
        Description = "the tower's id (66 hex): receipts must be signed by it (default: the one pinned by register)",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "print the tower's JSON answer", Recursive = true };

    public static RootCommand Create()
    {
        var root = new RootCommand(Overview) { DataDir, Tower, TowerId, Json };

        root.Add(Command(
            "register",
            "register (or renew) with the tower and verify its signed registration receipt",
            (commands, _, cancellationToken) => commands.RegisterAsync(cancellationToken)));

        var commitment = new Option<string>("--commitment-txid")
        {
            Description = "id of the revoked commitment transaction to watch for (64 hex, as bitcoind shows it)",
            Required = true,
        };
        var penalty = new Option<string>("--penalty-tx")
        {
            Description = "the signed penalty (justice) transaction spending it, raw hex",
            Required = true,
        };
        var delay = new Option<uint>("--to-self-delay")
        {
            Description = "the channel's to_self_delay in blocks (default 42)",
            DefaultValueFactory = _ => 42,
        };
        var addAppointment = Command(
            "add-appointment",
            "hand the tower a penalty to broadcast if the commitment is mined; prints the locator to query it by",
            (commands, parse, cancellationToken) => commands.AddAppointmentAsync(
                parse.GetValue(commitment)!, parse.GetValue(penalty)!, parse.GetValue(delay), Console.Error, cancellationToken));
        addAppointment.Add(commitment);
        addAppointment.Add(penalty);
        addAppointment.Add(delay);
        root.Add(addAppointment);

        var locator = new Argument<string>("locator") { Description = "the locator add-appointment printed (32 hex)" };
        var getAppointment = Command(
            "get-appointment",
            "show an appointment: being_watched, dispute_responded (with the penalty the tower sent) or not_found",
            (commands, parse, cancellationToken) => commands.GetAppointmentAsync(parse.GetValue(locator)!, cancellationToken));
        getAppointment.Add(locator);
        root.Add(getAppointment);

        root.Add(Command(
            "get-subscription-info",
            "show your available slots, subscription expiry and the locators of your appointments",
            (commands, _, cancellationToken) => commands.GetSubscriptionInfoAsync(cancellationToken)));

        return root;
    }

    private static Command Command(string name, string description, Func<UserCommands, ParseResult, CancellationToken, Task<string>> run)
    {
        var command = new Command(name, description);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var context = await ClientContext.ResolveAsync(
                    parse.GetValue(DataDir), parse.GetValue(Tower), parse.GetValue(TowerId), parse.GetValue(Json), Console.Error, cancellationToken);
                using var tower = new TowerConnection(context.Tower);
                Console.Out.Write(await run(new UserCommands(context, tower), parse, cancellationToken));
                return 0;
            }
            catch (ReceiptNotVerifiedException e)
            {
                Console.Error.WriteLine($"teos-client: SIGNATURE NOT VERIFIED: {e.Message}");
                return 2;
            }
            catch (ClientException e)
            {
                Console.Error.WriteLine($"teos-client: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Teos.Protocol.Admin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Cli.Admin;

/// <summary>teos-cli: the operator's command line for teosd's admin gRPC API, with rust-teos' command names (spec 5.1).</summary>
public static class TeosCliCommand
{
    private const string Overview = """
        teos-cli: administer a running teosd (The Eye of Satoshi watchtower) through its admin API.

        The admin API is gRPC on rpc_bind:rpc_port (default localhost:8814), over TLS with client certificates.
        teosd writes ca.pem, client.pem and client-key.pem into its data dir on start; teos-cli reads them from
        --datadir (default ~/.teos). On another machine, copy those three files into its --datadir.
        rpc_bind and rpc_port are also read from <datadir>/teos.toml when the flags are not given.

        Output is human-readable tables; add --json for pretty-printed JSON (the admin API's field names).
        Errors go to stderr and the exit status is 1.

        Examples:
          teos-cli gettowerinfo
          teos-cli getclusterstatus
          teos-cli --datadir /srv/teos --rpcport 8815 getusers
          teos-cli --json getuser 02c73bad28b78dd7e3bcad609d330e0d60b97fa0e08ca1cf486cb6cab8dd6140ac
        """;

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Option<string> DataDir = new("--datadir")
    {
        Description = "directory holding ca.pem, client.pem and client-key.pem (default ~/.teos)",
        Recursive = true,
    };

    private static readonly Option<string> RpcBind = new("--rpcbind")
    {
        Description = "host of the admin API (default: rpc_bind in <datadir>/teos.toml, else localhost)",
        Recursive = true,
    };

    private static readonly Option<int?> RpcPort = new("--rpcport")
    {
        Description = "port of the admin API (default: rpc_port in <datadir>/teos.toml, else 8814)",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "print pretty JSON instead of tables", Recursive = true };

    public static RootCommand Create()
    {
        var root = new RootCommand(Overview) { DataDir, RpcBind, RpcPort, Json };

        root.Add(Command("getallappointments", "list every appointment the tower watches and every tracker (breach answered)",
            async (connection, json, cancellationToken) =>
                Appointments(await AdminQueries.AppointmentsAsync(connection, ByteString.Empty, cancellationToken), json)));

        var locator = new Argument<string>("locator") { Description = "the appointment locator: 32 hex characters" };
        var getAppointments = Command("getappointments", "list the appointments and trackers of every user for one locator",
            async (connection, json, cancellationToken, parse) =>
            {
                // Checked here, as rust-teos' teos-cli does: an empty locator would ask the paged call for every appointment.
                if (!Locator.TryParseHex(parse.GetValue(locator), out var parsed, out _))
                    throw new AdminCallException(AdminErrorMessages.InvalidLocator);
                var rows = await AdminQueries.AppointmentsAsync(connection, ByteString.CopyFrom(parsed.ToArray()), cancellationToken);
                return Appointments(rows, json);
            });
        getAppointments.Add(locator);
        root.Add(getAppointments);

        root.Add(Command("gettowerinfo", "show the tower id, counts of users, appointments and trackers, chain tip and bitcoind state",
            async (connection, json, cancellationToken) =>
            {
                var info = await AdminQueries.TowerInfoAsync(connection, cancellationToken);
                return json ? Serialize(info) : AdminViews.TowerInfo(JsonSerializer.SerializeToElement(info));
            }));

        root.Add(Command("getclusterstatus", "list the cluster's silos (status, host, start, last heartbeat) and which one runs the block feed",
            async (connection, json, cancellationToken) =>
            {
                var cluster = await AdminQueries.ClusterStatusAsync(connection, cancellationToken);
                return json ? Serialize(cluster) : AdminViews.ClusterStatus(JsonSerializer.SerializeToElement(cluster));
            }));

        root.Add(Command("getusers", "list the ids of all registered users",
            async (connection, json, cancellationToken) =>
            {
                var ids = await AdminQueries.UsersAsync(connection, cancellationToken);
                return json ? Serialize(new { user_ids = ids }) : AdminViews.Users(ids);
            }));

        var userId = new Argument<string>("user_id") { Description = "the user's id: 66 hex characters (compressed public key)" };
        var getUser = Command("getuser", "show one user's subscription (slots, expiry) and appointments",
            async (connection, json, cancellationToken, parse) =>
            {
                var id = parse.GetValue(userId)!;
                if (!UserId.TryParseHex(id, out var parsed, out _))
                    throw new AdminCallException(AdminErrorMessages.InvalidUserId);
                var user = await AdminQueries.UserAsync(connection, ByteString.CopyFrom(parsed.Bytes), cancellationToken);
                return json ? Serialize(user) : AdminViews.User(id, JsonSerializer.SerializeToElement(user));
            });
        getUser.Add(userId);
        root.Add(getUser);

        root.Add(Command("stop", "shut the tower down gracefully",
            async (connection, json, cancellationToken) =>
            {
                await AdminQueries.StopAsync(connection, cancellationToken);
                return json ? Serialize(new { }) : $"teosd at {connection.Endpoint.BaseAddress} is shutting down{Environment.NewLine}";
            }));

        return root;
    }

    private static string Appointments(List<object> rows, bool json) =>
        json ? Serialize(new { appointments = rows }) : AdminViews.Appointments([.. rows.Select(row => JsonSerializer.SerializeToElement(row))]);

    private static Command Command(string name, string description, Func<AdminConnection, bool, CancellationToken, Task<string>> run) =>
        Command(name, description, (connection, json, cancellationToken, _) => run(connection, json, cancellationToken));

    private static Command Command(
        string name, string description, Func<AdminConnection, bool, CancellationToken, ParseResult, Task<string>> run)
    {
        var command = new Command(name, description);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var endpoint = AdminEndpoint.Resolve(parse.GetValue(DataDir), parse.GetValue(RpcBind), parse.GetValue(RpcPort));
                using var connection = AdminConnection.Open(endpoint);
                Console.Out.Write(await run(connection, parse.GetValue(Json), cancellationToken, parse));
                return 0;
            }
            catch (AdminCallException e)
            {
                Console.Error.WriteLine($"teos-cli: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Pretty) + Environment.NewLine;
}

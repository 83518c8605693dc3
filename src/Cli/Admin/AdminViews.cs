using System.Text;
using System.Text.Json;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Cli.Admin;

/// <summary>The human-readable renderings of the admin answers (<c>--json</c> prints the JSON instead).</summary>
public static class AdminViews
{
    public static string TowerInfo(JsonElement info)
    {
        var table = new TextTable("FIELD", "VALUE")
            .Add("tower id", Text(info, "tower_id"))
            .Add("registered users", Text(info, "n_registered_users"))
            .Add("watcher appointments", Text(info, "n_watcher_appointments"))
            .Add("responder trackers", Text(info, "n_responder_trackers"))
            .Add("bitcoind reachable", YesNo(info, "bitcoind_reachable"));
        foreach (var address in info.GetProperty("addresses").EnumerateArray())
            table.Add("public address", $"{Text(address, "type")} {Text(address, "address")}:{Text(address, "port")}");
        table.Add("chain tip", info.GetProperty("tip_height").ValueKind == JsonValueKind.Null
            ? "none yet"
            : $"{Text(info, "tip_height")} {Text(info, "tip_hash")}");
        table.Add("block feed leader", YesNo(info, "is_leader"));
        return table.ToString();
    }

    /// <summary>The silos, oldest first, with the block feed's silo marked, then where the feed runs and its tip.</summary>
    public static string ClusterStatus(JsonElement cluster)
    {
        var silos = new TextTable("SILO", "STATUS", "NAME", "HOST", "STARTED (UTC)", "LAST HEARTBEAT (UTC)", "BLOCK FEED");
        foreach (var silo in cluster.GetProperty("silos").EnumerateArray())
        {
            silos.Add(Text(silo, "address"), Text(silo, "status"), Text(silo, "name"), Text(silo, "host_name"),
                Time(silo.GetProperty("start_time")), Time(silo.GetProperty("last_heartbeat")), silo.GetProperty("hosts_block_feed").GetBoolean() ? "yes" : string.Empty);
        }

        var feed = cluster.GetProperty("block_feed_silo").ValueKind == JsonValueKind.Null
            ? "not answering (moving between silos)"
            : cluster.GetProperty("block_feed_tip_height").ValueKind == JsonValueKind.Null
                ? $"{Text(cluster, "block_feed_silo")}, no block yet"
                : $"{Text(cluster, "block_feed_silo")} at {Text(cluster, "block_feed_tip_height")} {Text(cluster, "block_feed_tip_hash")}";
        return $"Silos: {silos.Count}{Environment.NewLine}{silos}Block feed: {feed}{Environment.NewLine}Answered by: {Text(cluster, "answered_by")}{Environment.NewLine}";
    }

    /// <summary>Watched appointments and trackers in two tables; a tracker is told apart by its dispute_txid.</summary>
    public static string Appointments(IReadOnlyList<JsonElement> rows)
    {
        var watched = new TextTable("UUID", "USER ID", "LOCATOR", "TO_SELF_DELAY", "BLOB BYTES");
        var trackers = new TextTable("UUID", "USER ID", "LOCATOR", "DISPUTE TXID", "PENALTY TXID");
        foreach (var row in rows)
        {
            if (row.TryGetProperty("dispute_txid", out _))
            {
                trackers.Add(Text(row, "uuid"), Text(row, "user_id"), Text(row, "locator"), Text(row, "dispute_txid"), Text(row, "penalty_txid"));
            }
            else
            {
                watched.Add(Text(row, "uuid"), Text(row, "user_id"), Text(row, "locator"), Text(row, "to_self_delay"),
                    (Text(row, "encrypted_blob").Length / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var text = new StringBuilder();
        text.AppendLine($"Watcher appointments: {watched.Count}");
        if (watched.Count > 0)
            text.Append(watched);
        text.AppendLine($"Responder trackers: {trackers.Count}");
        if (trackers.Count > 0)
            text.Append(trackers);
        return text.ToString();
    }

    public static string Users(IReadOnlyList<string> userIds)
    {
        var table = new TextTable("USER ID");
        foreach (var id in userIds)
            table.Add(id);
        return $"Registered users: {userIds.Count}{Environment.NewLine}{(userIds.Count > 0 ? table : string.Empty)}";
    }

    /// <summary>The user's subscription, then each locator with its uuid (uuid = RIPEMD160(locator || user id)).</summary>
    public static string User(string userId, JsonElement user)
    {
        var text = new StringBuilder(new TextTable("FIELD", "VALUE")
            .Add("user id", userId)
            .Add("available slots", Text(user, "available_slots"))
            .Add("subscription start", Text(user, "subscription_start"))
            .Add("subscription expiry", Text(user, "subscription_expiry"))
            .Add("appointments", user.GetProperty("appointments").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToString());
        var id = UserId.ParseHex(userId);
        var locators = new TextTable("LOCATOR", "UUID");
        foreach (var locator in user.GetProperty("locators").EnumerateArray().Select(l => l.GetString()!))
            locators.Add(locator, AppointmentUuid.Compute(Locator.ParseHex(locator), id).ToHex());
        if (locators.Count > 0)
            text.AppendLine().Append(locators);
        return text.ToString();
    }

    private static string Text(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>An ISO 8601 time as "yyyy-MM-dd HH:mm:ss", or "-" for none.</summary>
    private static string Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "-" : value.GetDateTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string YesNo(JsonElement element, string name) => element.GetProperty(name).GetBoolean() ? "yes" : "no";
}

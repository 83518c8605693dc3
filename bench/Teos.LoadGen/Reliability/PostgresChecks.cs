using Npgsql;
using Teos.LoadGen.Load;
using Teos.Protocol.Appointments;

namespace Teos.LoadGen.Reliability;

/// <summary>The start_block check of <see cref="CrashRun"/> against a PostgreSQL store.</summary>
public static class PostgresChecks
{
    public static void CheckStartBlocks(string connectionString, SignedAppointment[] signed, Receipt?[] receipts, List<string> problems)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var query = new NpgsqlCommand("SELECT start_block FROM appointments WHERE uuid = @uuid", connection);
        var uuid = new NpgsqlParameter<byte[]>("uuid", []);
        query.Parameters.Add(uuid);
        for (var i = 0; i < signed.Length; i++)
        {
            if (receipts[i] is not { } receipt)
                continue;
            uuid.TypedValue = AppointmentUuid.Compute(signed[i].Locator, signed[i].User.Id).ToArray();
            var start = query.ExecuteScalar();
            if (start is null || Convert.ToInt64(start, System.Globalization.CultureInfo.InvariantCulture) != receipt.StartBlock)
                problems.Add($"store: start_block of {signed[i].Locator} is not the receipt's {receipt.StartBlock}");
        }
    }
}

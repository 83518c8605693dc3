using Microsoft.Data.Sqlite;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

/// <summary>Typed reads of the columns Teos stores; a value that does not decode means a corrupt database.</summary>
internal static class Columns
{
    public static byte[] Bytes(SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static uint UInt32(SqliteDataReader reader, int ordinal) => checked((uint)reader.GetInt64(ordinal));

    public static bool Boolean(SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public static ClientProfile Profile(SqliteDataReader reader, int ordinal) => (ClientProfile)reader.GetInt32(ordinal);

    public static Locator Locator(SqliteDataReader reader, int ordinal) => Protocol.Appointments.Locator.FromBytes(Bytes(reader, ordinal));

    public static AppointmentUuid Uuid(SqliteDataReader reader, int ordinal) => AppointmentUuid.FromBytes(Bytes(reader, ordinal));

    /// <summary>A block hash or txid in internal byte order (NBitcoin's <see cref="uint256"/> takes that order).</summary>
    public static uint256 Hash(SqliteDataReader reader, int ordinal) => new(Bytes(reader, ordinal));

    public static UserId UserId(SqliteDataReader reader, int ordinal)
    {
        var bytes = Bytes(reader, ordinal);
        if (!Protocol.Users.UserId.TryFromBytes(bytes, out var userId, out var error))
            throw new InvalidDataException($"Stored user id {Convert.ToHexStringLower(bytes)} is not a public key: {error}");
        return userId;
    }
}

using NBitcoin;
using Npgsql;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

/// <summary>Typed reads of the columns Teos stores; a value that does not decode means a corrupt database.</summary>
internal static class Columns
{
    public static byte[] Bytes(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static uint UInt32(NpgsqlDataReader reader, int ordinal) => checked((uint)reader.GetInt64(ordinal));

    /// <summary>
    /// A u32 in an integer column, two's complement (the appointments' to_self_delay and start_block, migration
    /// 0006): half the bytes of a bigint, for values SQL only stores and returns.
    /// </summary>
    public static uint PackedUInt32(NpgsqlDataReader reader, int ordinal) => unchecked((uint)reader.GetInt32(ordinal));

    /// <summary>The value <see cref="PackedUInt32"/> reads back.</summary>
    public static int Pack(uint value) => unchecked((int)value);

    public static ClientProfile Profile(NpgsqlDataReader reader, int ordinal) => (ClientProfile)reader.GetInt16(ordinal);


    public static AppointmentUuid Uuid(NpgsqlDataReader reader, int ordinal) => AppointmentUuid.FromBytes(Bytes(reader, ordinal));

    /// <summary>A block hash or txid in internal byte order (NBitcoin's <see cref="uint256"/> takes that order).</summary>
    public static uint256 Hash(NpgsqlDataReader reader, int ordinal) => new(Bytes(reader, ordinal));

    public static UserId UserId(NpgsqlDataReader reader, int ordinal)
    {
        var bytes = Bytes(reader, ordinal);
        if (!Protocol.Users.UserId.TryFromBytes(bytes, out var userId, out var error))
            throw new InvalidDataException($"Stored user id {Convert.ToHexStringLower(bytes)} is not a public key: {error}");
        return userId;
    }
}

using Npgsql;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Postgres;

/// <summary>
/// A locator as stored (migration 0007): PostgreSQL's 16-byte <c>uuid</c> type holding the locator's bytes in order.
/// Fixed width, so one byte less than a bytea per row and per index entry, and compared byte by byte like a bytea,
/// so a bucket is still a range. Npgsql carries it as a <see cref="Guid"/>, in big-endian (RFC 4122) byte order.
/// </summary>
internal static class LocatorColumn
{
    public static Guid ToValue(Locator locator) => new(locator.ToArray(), bigEndian: true);

    public static Guid ToValue(byte[] locatorBytes) => new(locatorBytes, bigEndian: true);

    public static Locator Read(NpgsqlDataReader reader, int ordinal) => Locator.FromBytes(reader.GetGuid(ordinal).ToByteArray(bigEndian: true));
}

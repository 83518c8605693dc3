using Microsoft.Data.Sqlite;
using Teos.Protocol.Encoding;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The user's signature as stored: its 65 raw bytes rather than 104 zbase32 characters, 39 bytes less per
/// appointment. Only text that encodes back to itself is packed, so the exact string the user signed with is
/// always what comes back; anything else (and rows written before this) stays text. SQLite keeps a BLOB as a
/// BLOB in the TEXT column, so no migration is needed.
/// </summary>
internal static class SignatureColumn
{
    public static object ToValue(string signature)
    {
        if (ZBase32.TryDecode(signature, out var bytes, out _) && ZBase32.Encode(bytes) == signature)
            return bytes;
        return signature;
    }

    public static string Read(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(byte[]) ? ZBase32.Encode(Columns.Bytes(reader, ordinal)) : reader.GetString(ordinal);
}

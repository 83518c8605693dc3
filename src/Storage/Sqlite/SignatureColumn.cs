using Microsoft.Data.Sqlite;
using Teos.Storage.Signatures;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The user's signature as stored: raw bytes when its text is canonical (<see cref="CanonicalSignature"/>),
/// otherwise the text. SQLite keeps a BLOB as a BLOB in the TEXT column, so rows written before packing (text)
/// needed no migration.
/// </summary>
internal static class SignatureColumn
{
    public static object ToValue(string signature) =>
        CanonicalSignature.TryPack(signature, out var raw) ? raw : signature;

    public static string Read(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(byte[]) ? CanonicalSignature.Unpack(Columns.Bytes(reader, ordinal)) : reader.GetString(ordinal);
}

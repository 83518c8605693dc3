using System.Text;
using Npgsql;
using Teos.Storage.Signatures;

namespace Teos.Storage.Postgres;

/// <summary>
/// The user's signature as stored (migration 0006): a tag byte, then either the raw bytes of a canonical
/// signature (<see cref="CanonicalSignature"/>, tag 1) or the text as UTF-8 (tag 0; rows from before 0006 and
/// any text that is not canonical). 66 bytes instead of 104 for what clients send.
/// </summary>
internal static class SignatureColumn
{
    private const byte Text = 0;
    private const byte Raw = 1;

    public static byte[] ToValue(string signature)
    {
        if (CanonicalSignature.TryPack(signature, out var raw))
            return [Raw, .. raw];
        return [Text, .. Encoding.UTF8.GetBytes(signature)];
    }

    public static string Read(NpgsqlDataReader reader, int ordinal)
    {
        var stored = Columns.Bytes(reader, ordinal);
        return stored switch
        {
            [Raw, .. var raw] => CanonicalSignature.Unpack(raw),
            [Text, .. var text] => Encoding.UTF8.GetString(text),
            _ => throw new InvalidDataException($"Stored signature {Convert.ToHexStringLower(stored)} has no known tag"),
        };
    }
}

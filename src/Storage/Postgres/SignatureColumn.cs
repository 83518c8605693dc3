using System.Text;
using Npgsql;
using Teos.Storage.Signatures;

namespace Teos.Storage.Postgres;

/// <summary>
/// The user's signature as stored: the raw 65 bytes of a canonical signature (<see cref="CanonicalSignature"/>),
/// 65 instead of 104 for what clients send. Anything else carries a tag byte: 1 then the raw bytes (a raw signature
/// whose first byte is itself 0 or 1, and every canonical one written by migration 0006's encoding), 0 then the
/// text as UTF-8 (text that is not canonical zbase32). A value of 65 bytes starting with 0 or 1 is therefore tagged,
/// never raw. Untagged raw signatures came with migration 0007: they keep a row at 18 per heap page.
/// </summary>
internal static class SignatureColumn
{
    private const byte Text = 0;
    private const byte Raw = 1;
    private const int RawSize = 65;

    public static byte[] ToValue(string signature)
    {
        if (CanonicalSignature.TryPack(signature, out var raw))
            return raw.Length == RawSize && raw[0] > Raw ? raw : [Raw, .. raw];
        return [Text, .. Encoding.UTF8.GetBytes(signature)];
    }

    public static string Read(NpgsqlDataReader reader, int ordinal)
    {
        var stored = Columns.Bytes(reader, ordinal);
        return stored switch
        {
            { Length: RawSize } when stored[0] > Raw => CanonicalSignature.Unpack(stored),
            [Raw, .. var raw] => CanonicalSignature.Unpack(raw),
            [Text, .. var text] => Encoding.UTF8.GetString(text),
            _ => throw new InvalidDataException($"Stored signature {Convert.ToHexStringLower(stored)} has no known tag"),
        };
    }
}

using Teos.Protocol.Encoding;

namespace Teos.Storage.Signatures;

/// <summary>
/// A user's signature as its raw bytes: 65 instead of 104 zbase32 characters. Only text that encodes back to
/// itself is packed (zbase32 decoding ignores case), so unpacking always gives back the exact string the user sent.
/// </summary>
internal static class CanonicalSignature
{
    public static bool TryPack(string signature, out byte[] raw) =>
        ZBase32.TryDecode(signature, out raw, out _) && ZBase32.Encode(raw) == signature;

    public static string Unpack(ReadOnlySpan<byte> raw) => ZBase32.Encode(raw);
}

using System.Security.Cryptography;
using NBitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Protocol.Blobs;

/// <summary>
/// The ChaCha20-Poly1305 key of an encrypted blob (spec 1.9): SHA256 of the dispute txid, in internal order for
/// rust-teos clients and in display order for python-teos clients (spec 9). Only someone who saw the dispute
/// transaction can compute it.
/// </summary>
public sealed class BlobKey
{
    public const int Size = 32;

    private readonly byte[] _bytes;

    private BlobKey(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static BlobKey For(uint256 disputeTxid, ClientProfile profile = ClientProfile.Rust)
    {
        var key = new byte[Size];
        SHA256.HashData(disputeTxid.ToBytes(lendian: profile != ClientProfile.Python), key);
        return new BlobKey(key);
    }

    public static BlobKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
            throw new ArgumentException($"A blob key is {Size} bytes, got {key.Length}", nameof(key));
        return new BlobKey(key.ToArray());
    }

    public override string ToString() => nameof(BlobKey);
}

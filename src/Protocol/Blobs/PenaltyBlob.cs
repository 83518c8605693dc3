using System.Diagnostics.CodeAnalysis;
using NBitcoin;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Protocol.Blobs;

/// <summary>
/// Opens an encrypted blob with the dispute txid that breached it. A blob is only a penalty if it decrypts and
/// the plaintext is exactly one transaction (spec 1.9); python-teos never checked the latter, but nothing else
/// can be broadcast, so profile P blobs are held to it too (spec 9).
/// </summary>
public static class PenaltyBlob
{
    public static bool TryOpen(
        ReadOnlySpan<byte> encryptedBlob, uint256 disputeTxid, ClientProfile profile, [NotNullWhen(true)] out Transaction? penalty)
    {
        penalty = null;
        return BlobCipher.TryDecrypt(BlobKey.For(disputeTxid, profile), encryptedBlob, out var plaintext, out _)
            && BitcoinWire.TryParseTransaction(plaintext, out penalty, out _);
    }
}

using System.Security.Cryptography;

namespace Teos.Protocol.Blobs;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439) with a 12-byte zero nonce and no associated data; blob = ciphertext || tag
/// (spec 1.9). The zero nonce is safe because every key (a txid hash) encrypts a single plaintext.
/// Decryption reports failures as values, never as exceptions.
/// </summary>
public static class BlobCipher
{
    public const int TagSize = 16;

    private static ReadOnlySpan<byte> Nonce => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static byte[] Encrypt(BlobKey key, ReadOnlySpan<byte> plaintext)
    {
        var blob = new byte[plaintext.Length + TagSize];
        using var aead = new ChaCha20Poly1305(key.Bytes);
        aead.Encrypt(Nonce, plaintext, blob.AsSpan(0, plaintext.Length), blob.AsSpan(plaintext.Length));
        return blob;
    }

    public static bool TryDecrypt(BlobKey key, ReadOnlySpan<byte> blob, out byte[] plaintext, out BlobDecryptionError error)
    {
        plaintext = [];
        if (blob.Length < TagSize)
        {
            error = BlobDecryptionError.TooShort;
            return false;
        }

        var output = new byte[blob.Length - TagSize];
        if (!TryDecrypt(key, blob, output, out error))
            return false;
        plaintext = output;
        return true;
    }

    /// <summary>Decrypts into exactly <c>blob.Length - 16</c> bytes of <paramref name="plaintext"/>; cleared on failure.</summary>
    public static bool TryDecrypt(BlobKey key, ReadOnlySpan<byte> blob, Span<byte> plaintext, out BlobDecryptionError error)
    {
        if (blob.Length < TagSize)
        {
            error = BlobDecryptionError.TooShort;
            return false;
        }

        var length = blob.Length - TagSize;
        if (plaintext.Length != length)
            throw new ArgumentException($"Plaintext buffer must be {length} bytes", nameof(plaintext));

        using var aead = new ChaCha20Poly1305(key.Bytes);
        try
        {
            aead.Decrypt(Nonce, blob[..length], blob[length..], plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            // The API only signals a bad tag by throwing; an invalid blob is an expected outcome here.
            error = BlobDecryptionError.AuthenticationFailed;
            return false;
        }

        error = BlobDecryptionError.None;
        return true;
    }
}

using FsCheck.Fluent;
using NBitcoin;
using Teos.Protocol.Blobs;
using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;
using Teos.Protocol.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Blobs;

/// <summary>spec 1.9: ChaCha20-Poly1305 under SHA256(txid), zero nonce, blob = ciphertext || tag.</summary>
public class BlobCipherTests
{
    public static IEnumerable<object[]> Encryption => SpecVectors.Rows("blob_encryption");
    public static IEnumerable<object[]> InvalidDecryption => SpecVectors.Rows("blob_decryption_invalid");

    private static ClientProfile Profile(VectorRow row) => row.Str("variant") switch
    {
        "rust-teos" => ClientProfile.Rust,
        "python-teos" => ClientProfile.Python,
        var other => throw new InvalidOperationException($"unknown variant {other}"),
    };

    private static BlobKey KeyOf(VectorRow row) => BlobKey.For(uint256.Parse(row.Str("dispute_txid")), Profile(row));

    [Theory]
    [MemberData(nameof(Encryption))]
    public void The_key_is_sha256_of_the_txid_in_the_profile_byte_order(VectorRow row) =>
        Assert.Equal(row.Str("key_hex"), Hex.Encode(KeyOf(row).Bytes));

    [Theory]
    [MemberData(nameof(Encryption))]
    public void Encryption_reproduces_the_blob_with_the_tag_at_the_end(VectorRow row)
    {
        var blob = BlobCipher.Encrypt(KeyOf(row), Hex.Decode(row.Str("plaintext_hex")));
        Assert.Equal(row.Str("encrypted_blob_hex"), Hex.Encode(blob));
        Assert.Equal(row.Str("tag_hex"), Hex.Encode(blob.AsSpan(blob.Length - BlobCipher.TagSize)));
    }

    [Theory]
    [MemberData(nameof(Encryption))]
    public void Decryption_recovers_the_plaintext(VectorRow row)
    {
        Assert.True(BlobCipher.TryDecrypt(KeyOf(row), Hex.Decode(row.Str("encrypted_blob_hex")), out var plaintext, out var error), error.ToString());
        Assert.Equal(row.Str("plaintext_hex"), Hex.Encode(plaintext));
    }

    [Theory]
    [MemberData(nameof(InvalidDecryption))]
    public void Invalid_blobs_fail_decryption_but_non_transactions_decrypt(VectorRow row)
    {
        var decrypted = BlobCipher.TryDecrypt(KeyOf(row), Hex.Decode(row.Str("encrypted_blob_hex")), out var plaintext, out var error);
        switch (row.Str("error"))
        {
            case "decryption":
                Assert.False(decrypted);
                Assert.NotEqual(BlobDecryptionError.None, error);
                Assert.Empty(plaintext);
                break;
            case "transaction":
                // The plaintext authenticates; refusing it as a transaction is the parser's job.
                Assert.True(decrypted, error.ToString());
                break;
            default:
                throw new InvalidOperationException($"unknown error kind {row.Str("error")}");
        }
    }

    [Theory]
    [InlineData(0, BlobDecryptionError.TooShort)]
    [InlineData(15, BlobDecryptionError.TooShort)]
    [InlineData(16, BlobDecryptionError.AuthenticationFailed)]
    [InlineData(100, BlobDecryptionError.AuthenticationFailed)]
    public void Short_or_forged_blobs_report_why(int length, BlobDecryptionError expected)
    {
        var key = BlobKey.For(new uint256(new byte[32]));
        Assert.False(BlobCipher.TryDecrypt(key, new byte[length], out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Encrypt_then_decrypt_is_the_identity() =>
        PropertyRuns.Check(Prop.ForAll(Generators.BytesOfLength(32).ToArbitrary(), Generators.Bytes(1000).ToArbitrary(), (txid, plaintext) =>
        {
            var key = BlobKey.For(new uint256(txid));
            var blob = BlobCipher.Encrypt(key, plaintext);
            return blob.Length == plaintext.Length + BlobCipher.TagSize
                && BlobCipher.TryDecrypt(key, blob, out var decrypted, out _)
                && decrypted.AsSpan().SequenceEqual(plaintext);
        }), runs: 300);

    [Fact]
    public void Random_blobs_never_throw() =>
        PropertyRuns.Check(Prop.ForAll(Generators.BytesOfLength(32).ToArbitrary(), Generators.Bytes(300).ToArbitrary(), (txid, blob) =>
        {
            var ok = BlobCipher.TryDecrypt(BlobKey.For(new uint256(txid), ClientProfile.Python), blob, out _, out var error);
            return !ok && error != BlobDecryptionError.None;
        }), runs: 1000);

    [Fact]
    public void A_blob_encrypted_for_one_profile_does_not_decrypt_under_the_other()
    {
        var txid = uint256.Parse("dc7b547d5b0be63192dac2adab0c3c82f74988c613f151cf0cc6777f51c20a76");
        var blob = BlobCipher.Encrypt(BlobKey.For(txid, ClientProfile.Rust), [1, 2, 3]);
        Assert.False(BlobCipher.TryDecrypt(BlobKey.For(txid, ClientProfile.Python), blob, out _, out var error));
        Assert.Equal(BlobDecryptionError.AuthenticationFailed, error);
    }
}

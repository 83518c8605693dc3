using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

/// <summary>spec 1.6: every message_signing vector reproduced byte for byte, by both engines.</summary>
public class MessageSigningVectorTests
{
    public static IEnumerable<object[]> Rows => TestEngines.Cross(SpecVectors.Rows("message_signing"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_digest_is_sha256d_of_the_prefixed_message(VectorRow row, string engine)
    {
        _ = engine;
        Assert.Equal(row.Str("digest_hex"), Hex.Encode(LightningMessageSigner.ComputeDigest(Hex.Decode(row.Str("message_hex")))));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_secret_key_derives_the_vector_public_key(VectorRow row, string engine)
    {
        var key = SecretKey.ParseHex(row.Str("private_key_hex"), TestEngines.Get(engine));
        Assert.Equal(row.Str("public_key_hex"), key.PublicKey.ToHex());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Signing_reproduces_the_raw_signature_and_recovery_id(VectorRow row, string engine)
    {
        var key = SecretKey.ParseHex(row.Str("private_key_hex"), TestEngines.Get(engine));
        var raw = new byte[LightningMessageSigner.RawSignatureSize];
        TestEngines.Signer(engine).SignRaw(key, Hex.Decode(row.Str("message_hex")), raw);
        Assert.Equal(row.Str("signature_raw_hex"), Hex.Encode(raw));
        Assert.Equal(31 + row.Num("recovery_id"), raw[0]);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Signing_reproduces_the_zbase32_signature(VectorRow row, string engine)
    {
        var key = SecretKey.ParseHex(row.Str("private_key_hex"), TestEngines.Get(engine));
        Assert.Equal(row.Str("signature_zbase32"), TestEngines.Signer(engine).Sign(key, Hex.Decode(row.Str("message_hex"))));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_signature_recovers_the_signer(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var message = Hex.Decode(row.Str("message_hex"));
        Assert.True(signer.TryRecover(message, row.Str("signature_zbase32"), out PublicKey recovered, out var failure), failure.ToString());
        Assert.Equal(row.Str("recovered_public_key_hex"), recovered.ToHex());
        Assert.True(signer.Verify(message, row.Str("signature_zbase32"), PublicKey.ParseHex(row.Str("public_key_hex"))));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_engine_signs_the_digest_directly_with_the_vector_recovery_id(VectorRow row, string engine)
    {
        var compact = new byte[64];
        var recoveryId = TestEngines.Get(engine).SignRecoverable(Hex.Decode(row.Str("private_key_hex")), Hex.Decode(row.Str("digest_hex")), compact);
        Assert.Equal(row.Num("recovery_id"), recoveryId);
        Assert.Equal(row.Str("signature_raw_hex")[2..], Hex.Encode(compact));
    }
}

using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

/// <summary>spec 1.6 recovery: foreign signatures, malformed ones, and the wrong message.</summary>
public class SignatureRecoveryTests
{
    public static IEnumerable<object[]> RecoveryOnly => TestEngines.Cross(SpecVectors.Rows("signature_recovery_only"));
    public static IEnumerable<object[]> Invalid => TestEngines.Cross(SpecVectors.Rows("signature_invalid"));
    public static IEnumerable<object[]> WrongMessage => TestEngines.Cross(SpecVectors.Rows("signature_wrong_message"));

    [Theory]
    [MemberData(nameof(RecoveryOnly))]
    public void Signatures_from_lnd_and_core_lightning_recover_their_signer(VectorRow row, string engine)
    {
        Assert.True(TestEngines.Signer(engine).TryRecover(Hex.Decode(row.Str("message_hex")), row.Str("signature_zbase32"), out PublicKey key, out var failure), failure.ToString());
        Assert.Equal(row.Str("public_key_hex"), key.ToHex());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_signatures_fail_with_a_reason_and_no_exception(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        Assert.False(signer.TryRecover(Hex.Decode(row.Str("message_hex")), row.Str("signature_zbase32"), out PublicKey key, out var failure));
        Assert.NotEqual(SignatureFailure.None, failure);
        Assert.True(key.IsDefault);
    }

    [Theory]
    [InlineData("aaaaaaaa", SignatureFailure.WrongLength)]
    [InlineData("d9grsxm88jkwmhkykq6zgw4hxsifjjgnzewkzpj49rddqc9jtghr6se9ocear1jb4cmzbetdz9xz7tegegrdnh5nw5oxd3w8qbkqzse", SignatureFailure.WrongLength)]
    [InlineData("09grsxm88jkwmhkykq6zgw4hxsifjjgnzewkzpj49rddqc9jtghr6se9ocear1jb4cmzbetdz9xz7tegegrdnh5nw5oxd3w8qbkqzsea", SignatureFailure.InvalidZBase32)]
    [InlineData("d9grsxm88jkwmhkykq6zgw4hxsifjjgnzewkzpj49rddqc9jtghr6se9ocear1jb4cmzbetdz9xz7tegegrdnh5nw5oxd3w8qbkqzs", SignatureFailure.InvalidZBase32)]
    [InlineData("d5grsxm88jkwmhkykq6zgw4hxsifjjgnzewkzpj49rddqc9jtghr6se9ocear1jb4cmzbetdz9xz7tegegrdnh5nw5oxd3w8qbkqzsea", SignatureFailure.InvalidHeader)]
    [InlineData("dhyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", SignatureFailure.ScalarOutOfRange)]
    [InlineData("d99999999999999999999999999mimshh4zwteb5z9jf7dgog3ywnse9ocear1jb4cmzbetdz9xz7tegegrdnh5nw5oxd3w8qbkqzsea", SignatureFailure.ScalarOutOfRange)]
    public void Each_recovery_step_reports_its_own_failure(string signature, SignatureFailure expected)
    {
        Assert.False(LightningMessageSigner.Default.TryRecover("get subscription info"u8, signature, out PublicKey _, out var failure));
        Assert.Equal(expected, failure);
    }

    [Theory]
    [MemberData(nameof(WrongMessage))]
    public void A_signature_checked_against_another_message_recovers_an_unrelated_key(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var message = Hex.Decode(row.Str("message_hex"));
        Assert.True(signer.TryRecover(message, row.Str("signature_zbase32"), out PublicKey key, out _));
        Assert.Equal(row.Str("recovered_public_key_hex"), key.ToHex());
        Assert.False(signer.Verify(message, row.Str("signature_zbase32"), PublicKey.ParseHex(row.Str("signer_public_key_hex"))));
    }

    [Theory]
    [MemberData(nameof(TestEngines.All), MemberType = typeof(TestEngines))]
    public void High_s_signatures_are_accepted_on_recovery(string engine)
    {
        // Negating s and flipping the recovery id's parity bit gives the same signer (libsecp256k1 accepts both).
        var signer = TestEngines.Signer(engine);
        var key = SecretKey.ParseHex("24e9a981580d27d9277071a8381542e89a7c124868c4e862a13595dc75c6922f", TestEngines.Get(engine));
        var raw = new byte[65];
        signer.SignRaw(key, "Test message"u8, raw);
        var highS = ScalarMath.Negate(raw.AsSpan(33));
        highS.CopyTo(raw, 33);
        raw[0] = (byte)(31 + ((raw[0] - 31) ^ 1));

        Assert.True(signer.TryRecover("Test message"u8, ZBase32.Encode(raw), out PublicKey recovered, out _));
        Assert.Equal(key.PublicKey, recovered);
    }
}

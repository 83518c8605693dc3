using FsCheck;
using FsCheck.Fluent;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

/// <summary>The managed fallback must be indistinguishable from libsecp256k1 (same keys, signatures, recovery ids).</summary>
public class EngineAgreementTests
{
    private static readonly ISecp256k1Engine Native = TestEngines.Get(TestEngines.Native);
    private static readonly ISecp256k1Engine Managed = TestEngines.Get(TestEngines.Managed);

    private static Arbitrary<(byte[] Secret, byte[] Message)> KeysAndMessages =>
        Generators.SecretKeyBytes.SelectMany(secret => Generators.Bytes(300).Select(message => (secret, message))).ToArbitrary();

    [Fact]
    public void Both_engines_agree_on_1000_random_keys_and_messages() =>
        PropertyRuns.Check(Prop.ForAll(KeysAndMessages, input =>
        {
            Span<byte> nativeKey = stackalloc byte[33], managedKey = stackalloc byte[33];
            Native.DerivePublicKey(input.Secret, nativeKey);
            Managed.DerivePublicKey(input.Secret, managedKey);

            var digest = LightningMessageSigner.ComputeDigest(input.Message);
            Span<byte> nativeSignature = stackalloc byte[64], managedSignature = stackalloc byte[64];
            var nativeId = Native.SignRecoverable(input.Secret, digest, nativeSignature);
            var managedId = Managed.SignRecoverable(input.Secret, digest, managedSignature);

            Span<byte> byNative = stackalloc byte[33], byManaged = stackalloc byte[33];
            var recovered = Native.TryRecover(nativeSignature, nativeId, digest, byNative)
                && Managed.TryRecover(nativeSignature, nativeId, digest, byManaged);

            return nativeKey.SequenceEqual(managedKey)
                && nativeSignature.SequenceEqual(managedSignature)
                && nativeId == managedId
                && recovered && byNative.SequenceEqual(nativeKey) && byManaged.SequenceEqual(nativeKey);
        }), runs: 1000);

    [Fact]
    public void Both_engines_agree_on_recovery_of_arbitrary_compact_signatures() =>
        // Random r, s and recovery ids: mostly invalid x coordinates, sometimes valid points; outcomes must match.
        PropertyRuns.Check(Prop.ForAll(
            Generators.BytesOfLength(64).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), Generators.BytesOfLength(32).ToArbitrary(),
            (compact, recoveryId, digest) =>
            {
                Span<byte> byNative = stackalloc byte[33], byManaged = stackalloc byte[33];
                var nativeOk = Native.TryRecover(compact, recoveryId, digest, byNative);
                var managedOk = Managed.TryRecover(compact, recoveryId, digest, byManaged);
                return nativeOk == managedOk && (!nativeOk || byNative.SequenceEqual(byManaged));
            }), runs: 500);

    /// <summary>
    /// Recovery ids 2 and 3 put R.x at r + n, which must stay below p: r at p - n and above is refused (a rule the
    /// managed engine checks itself, NBitcoin.Secp256k1 4.0.4 bounds r by n there).
    /// </summary>
    [Theory]
    [InlineData("000000000000000000000000000000014551231950b75fc4402da1722fc9baee", 2, false)]
    [InlineData("000000000000000000000000000000014551231950b75fc4402da1722fc9baee", 3, false)]
    [InlineData("3f8e00e220dc89f0ec488467a2b2cbe86c352b5a25c65762c61f35eed20b7b72", 3, false)]
    [InlineData("000000000000000000000000000000014551231950b75fc4402da1722fc9baed", 2, null)]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000c", 3, null)]
    public void Both_engines_bound_r_by_p_minus_n_for_recovery_ids_2_and_3(string rHex, int recoveryId, bool? expected)
    {
        byte[] compact = [.. Convert.FromHexString(rHex), .. Enumerable.Repeat((byte)0x11, 32)];
        var digest = Enumerable.Repeat((byte)0x42, 32).ToArray();
        Span<byte> byNative = stackalloc byte[33], byManaged = stackalloc byte[33];

        var nativeOk = Native.TryRecover(compact, recoveryId, digest, byNative);
        var managedOk = Managed.TryRecover(compact, recoveryId, digest, byManaged);

        Assert.Equal(nativeOk, managedOk);
        Assert.True(!nativeOk || byNative.SequenceEqual(byManaged));
        if (expected is { } outcome)
            Assert.Equal(outcome, nativeOk);
    }

    [Fact]
    public void Both_engines_agree_on_public_key_validity() =>
        PropertyRuns.Check(Prop.ForAll(Generators.Bytes(34).ToArbitrary(), Gen.Elements<byte>(2, 3, 4).ToArbitrary(), (bytes, prefix) =>
        {
            if (bytes.Length > 0)
                bytes[0] = prefix;
            return Native.IsValidPublicKey(bytes) == Managed.IsValidPublicKey(bytes);
        }), runs: 1000);

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", true)]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", true)]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", false)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", false)]
    public void Both_engines_agree_on_secret_key_validity(string hex, bool valid)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(valid, Native.IsValidSecretKey(bytes));
        Assert.Equal(valid, Managed.IsValidSecretKey(bytes));
    }

    [Fact]
    public void Both_engines_report_which_one_they_are()
    {
        Assert.Contains("libsecp256k1", Native.Name);
        Assert.Contains("managed", Managed.Name);
        Assert.IsType<NativeSecp256k1Engine>(Secp256k1Engines.Default);
    }
}

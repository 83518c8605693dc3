using FsCheck.Fluent;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

public class SignerPropertyTests
{
    [Theory]
    [MemberData(nameof(TestEngines.All), MemberType = typeof(TestEngines))]
    public void Sign_then_recover_gives_the_signer(string engine)
    {
        var signer = TestEngines.Signer(engine);
        var input = Generators.SecretKeyBytes.SelectMany(secret => Generators.Bytes(500).Select(message => (secret, message)));
        PropertyRuns.Check(Prop.ForAll(input.ToArbitrary(), pair =>
        {
            SecretKey.TryFromBytes(pair.secret, signer.Engine, out var key, out _);
            var signature = signer.Sign(key!, pair.message);
            return signature.Length == LightningMessageSigner.ZBase32SignatureLength
                && signer.TryRecover(pair.message, signature, out PublicKey recovered, out _)
                && recovered == key!.PublicKey
                && signer.Verify(pair.message, signature, key.PublicKey);
        }), runs: engine == TestEngines.Native ? 300 : 100);
    }

    [Fact]
    public void Messages_longer_than_the_stack_buffer_hash_the_same_way()
    {
        // 2,068 bytes: the largest appointment a 2,048-byte body can carry goes through the pooled buffer.
        var message = new byte[2068];
        Random.Shared.NextBytes(message);
        var expected = System.Security.Cryptography.SHA256.HashData(
            System.Security.Cryptography.SHA256.HashData([.. LightningMessageSigner.Prefix, .. message]));
        Assert.Equal(expected, LightningMessageSigner.ComputeDigest(message));
    }

    [Fact]
    public void The_default_signer_uses_the_default_engine() =>
        Assert.Same(Secp256k1Engines.Default, LightningMessageSigner.Default.Engine);
}

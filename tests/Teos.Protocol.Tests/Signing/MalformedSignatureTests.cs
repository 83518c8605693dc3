using FsCheck.Fluent;
using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

/// <summary>Random input never escapes as an exception from signature recovery, on either engine.</summary>
public class MalformedSignatureTests
{
    [Theory]
    [MemberData(nameof(TestEngines.All), MemberType = typeof(TestEngines))]
    public void Random_strings_fail_recovery_with_a_reason(string engine)
    {
        var signer = TestEngines.Signer(engine);
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(140).ToArbitrary(), text =>
        {
            var ok = signer.TryRecover("get subscription info"u8, text, out PublicKey key, out var failure);
            return ok ? failure == SignatureFailure.None && !key.IsDefault : failure != SignatureFailure.None;
        }), runs: 2000);
    }

    [Theory]
    [MemberData(nameof(TestEngines.All), MemberType = typeof(TestEngines))]
    public void Random_65_byte_signatures_with_any_header_never_throw(string engine)
    {
        var signer = TestEngines.Signer(engine);
        var raw = Generators.BytesOfLength(65).SelectMany(bytes => Gen.Choose(29, 36).Select(header =>
        {
            bytes[0] = (byte)header;
            return bytes;
        }));
        PropertyRuns.Check(Prop.ForAll(raw.ToArbitrary(), bytes =>
        {
            var ok = signer.TryRecover("x"u8, ZBase32.Encode(bytes), out PublicKey _, out var failure);
            var headerOk = bytes[0] is >= 31 and <= 34;
            return ok || (failure == SignatureFailure.InvalidHeader) != headerOk;
        }), runs: engine == TestEngines.Native ? 1000 : 200);
    }

    [Fact]
    public void Bytes_of_the_wrong_size_are_refused_by_both_engines()
    {
        var key = new byte[33];
        foreach (var name in TestEngines.Names)
        {
            var engine = TestEngines.Get(name);
            Assert.False(engine.TryRecover(new byte[63], 0, new byte[32], key));
            Assert.False(engine.TryRecover(new byte[64], 4, new byte[32], key));
            Assert.False(engine.TryRecover(new byte[64], -1, new byte[32], key));
            Assert.False(engine.TryRecover(new byte[64], 0, new byte[31], key));
            Assert.False(engine.IsValidSecretKey(new byte[31]));
            Assert.False(engine.IsValidPublicKey([]));
            Assert.Throws<ArgumentException>(() => engine.DerivePublicKey(new byte[32], new byte[33]));
        }
    }
}

using FsCheck.Fluent;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Encoding;

/// <summary>Every text decoder answers random input with a value or a typed error, never an exception.</summary>
public class DecoderFuzzTests
{
    [Fact]
    public void Hex_decoding_never_throws() =>
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(80).ToArbitrary(), text =>
            Hex.TryDecode(text, out var bytes, out var error) ? bytes.Length * 2 == text.Length : error is not null), runs: 2000);

    [Fact]
    public void Key_and_identifier_parsers_never_throw() =>
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(80).ToArbitrary(), text =>
        {
            var secret = SecretKey.TryParseHex(text, out var key, out var secretError) ? key is not null : secretError is not null;
            var publicKey = PublicKey.TryParseHex(text, out _, out var publicError) || publicError is not null;
            var uuid = AppointmentUuid.TryParseHex(text, out _, out var uuidError) || uuidError is not null;
            return secret && publicKey && uuid;
        }), runs: 2000);
}

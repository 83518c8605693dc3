using FsCheck.Fluent;
using Teos.Protocol.Encoding;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Encoding;

public class ZBase32PropertyTests
{
    [Fact]
    public void Any_bytes_round_trip() =>
        PropertyRuns.Check(Prop.ForAll(Generators.Bytes(200).ToArbitrary(), bytes =>
        {
            var text = ZBase32.Encode(bytes);
            return text.Length == ZBase32.GetEncodedLength(bytes.Length)
                && ZBase32.TryDecode(text, out var decoded, out _)
                && decoded.AsSpan().SequenceEqual(bytes)
                && ZBase32.TryDecode(text.ToUpperInvariant(), out var upper, out _)
                && upper.AsSpan().SequenceEqual(bytes);
        }), runs: 500);

    [Fact]
    public void Any_string_decodes_or_gives_a_typed_error_never_an_exception() =>
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(120).ToArbitrary(), text =>
        {
            var ok = ZBase32.TryDecode(text, out var bytes, out var error);
            // Whatever decodes must re-encode to the same text: the decoder accepts only canonical strings.
            return ok ? error is null && ZBase32.Encode(bytes) == text.ToLowerInvariant() : error is not null && bytes.Length == 0;
        }), runs: 3000);
}

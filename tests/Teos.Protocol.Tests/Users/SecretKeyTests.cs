using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Users;

public class SecretKeyTests
{
    [Fact]
    public void Generated_keys_are_valid_and_distinct()
    {
        var first = SecretKey.Generate();
        var second = SecretKey.Generate();
        Assert.True(Secp256k1Engines.Default.IsValidSecretKey(first.Bytes));
        Assert.NotEqual(first.ToHex(), second.ToHex());
        Assert.NotEqual(first.PublicKey, second.PublicKey);
    }

    [Fact]
    public void Hex_round_trips()
    {
        var key = SecretKey.Generate();
        Assert.True(SecretKey.TryParseHex(key.ToHex(), out var parsed, out _));
        Assert.Equal(key.PublicKey, parsed!.PublicKey);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        var key = SecretKey.Generate();
        Assert.DoesNotContain(key.ToHex(), key.ToString());
    }

    [Theory]
    [InlineData("00", KeyErrorKind.WrongSize)]
    [InlineData("0g", KeyErrorKind.InvalidHex)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", KeyErrorKind.InvalidKey)]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", KeyErrorKind.InvalidKey)]
    public void Invalid_secrets_are_refused_with_a_kind(string hex, KeyErrorKind kind)
    {
        foreach (var engine in TestEngines.Names)
        {
            Assert.False(SecretKey.TryParseHex(hex, TestEngines.Get(engine), out var key, out var error));
            Assert.Null(key);
            Assert.Equal(kind, error!.Kind);
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using Teos.Protocol.Signing;

namespace Teos.Protocol.Tests.Support;

/// <summary>FsCheck generators for protocol inputs.</summary>
public static class Generators
{
    public static Gen<byte> Byte { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    /// <summary>Byte arrays of 0..maxLength bytes.</summary>
    public static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(length => Gen.ArrayOf(Byte, length));

    public static Gen<byte[]> BytesOfLength(int length) => Gen.ArrayOf(Byte, length);

    /// <summary>Valid 32-byte secrets (anything in 1..n-1; random 32 bytes almost always are).</summary>
    public static Gen<byte[]> SecretKeyBytes { get; } = BytesOfLength(32).Where(bytes => Secp256k1Constants.IsValidScalar(bytes));

    /// <summary>Strings mixing zbase32 and hex alphabets, upper case, and hostile characters.</summary>
    public static Gen<string> HostileStrings(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(length => Gen.ArrayOf(HostileChar, length)).Select(chars => new string(chars));

    private static Gen<char> HostileChar { get; } = Gen.OneOf(
        Gen.Elements("ybndrfg8ejkmcpqxot1uwisza345h769".ToCharArray()),
        Gen.Elements("0123456789abcdefABCDEF".ToCharArray()),
        Gen.Elements("YBNDRFG8EJKMCPQXOT1UWISZA345H769 =l0v2\0\n".ToCharArray()),
        Gen.Choose(0, 0xFFFF).Select(i => (char)i));
}

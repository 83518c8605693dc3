using NBitcoin.Crypto;
using Teos.Protocol.Encoding;
using Teos.Protocol.Users;

namespace Teos.Protocol.Appointments;

/// <summary>
/// uuid = RIPEMD160(locator (16 bytes) || user_id (33 bytes)) (spec 1.5): one user's appointment for one locator.
/// </summary>
public readonly struct AppointmentUuid : IEquatable<AppointmentUuid>
{
    public const int Size = 20;
    private const int PreimageSize = Locator.Size + UserId.Size;

    private readonly byte[] _bytes;

    private AppointmentUuid(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static AppointmentUuid Compute(Locator locator, UserId userId)
    {
        var preimage = new byte[PreimageSize];
        locator.WriteTo(preimage);
        userId.Bytes.CopyTo(preimage.AsSpan(Locator.Size));

        // .NET has no RIPEMD-160 on Linux; NBitcoin carries one.
        return new AppointmentUuid(Hashes.RIPEMD160(preimage));
    }

    public static AppointmentUuid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A uuid is {Size} bytes, got {bytes.Length}", nameof(bytes));
        return new AppointmentUuid(bytes.ToArray());
    }

    public static bool TryParseHex(ReadOnlySpan<char> hex, out AppointmentUuid uuid, out HexError? error)
    {
        uuid = default;
        if (!Hex.TryDecodeExact(hex, Size, out var bytes, out error))
            return false;
        uuid = new AppointmentUuid(bytes);
        return true;
    }

    public byte[] ToArray() => _bytes.ToArray();

    public string ToHex() => Hex.Encode(_bytes);

    public bool Equals(AppointmentUuid other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is AppointmentUuid other && Equals(other);

    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    public static bool operator ==(AppointmentUuid left, AppointmentUuid right) => left.Equals(right);

    public static bool operator !=(AppointmentUuid left, AppointmentUuid right) => !left.Equals(right);

    public override string ToString() => ToHex();
}

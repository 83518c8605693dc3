using System.Buffers.Binary;

namespace Teos.Protocol.Appointments;

/// <summary>
/// The bytes a user signs for /add_appointment (spec 2.1): locator (16) || encrypted_blob || u32be(to_self_delay).
/// No length prefix: the blob is whatever lies between.
/// </summary>
public static class AppointmentSerialization
{
    public static int GetLength(int blobLength) => Locator.Size + blobLength + sizeof(uint);

    public static byte[] Serialize(Locator locator, ReadOnlySpan<byte> encryptedBlob, uint toSelfDelay)
    {
        var bytes = new byte[GetLength(encryptedBlob.Length)];
        Write(locator, encryptedBlob, toSelfDelay, bytes);
        return bytes;
    }

    /// <summary>
    /// The same layout for a locator of any length: what a client signed even when its locator breaks the size rule,
    /// so the tower can still tell who sent it (spec 9).
    /// </summary>
    public static byte[] Serialize(ReadOnlySpan<byte> locator, ReadOnlySpan<byte> encryptedBlob, uint toSelfDelay)
    {
        var bytes = new byte[locator.Length + encryptedBlob.Length + sizeof(uint)];
        locator.CopyTo(bytes);
        encryptedBlob.CopyTo(bytes.AsSpan(locator.Length));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(locator.Length + encryptedBlob.Length), toSelfDelay);
        return bytes;
    }

    /// <summary>Writes exactly <see cref="GetLength"/> bytes, so callers can use a stack or pooled buffer.</summary>
    public static void Write(Locator locator, ReadOnlySpan<byte> encryptedBlob, uint toSelfDelay, Span<byte> destination)
    {
        if (destination.Length < GetLength(encryptedBlob.Length))
            throw new ArgumentException($"Destination needs {GetLength(encryptedBlob.Length)} bytes", nameof(destination));
        locator.WriteTo(destination);
        encryptedBlob.CopyTo(destination[Locator.Size..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(Locator.Size + encryptedBlob.Length)..], toSelfDelay);
    }
}

using System.Security.Cryptography;
using Orleans.Runtime;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Tests.Builders;

/// <summary>Appointment rows owned by a given user, for a random (or given) locator.</summary>
public static class TestAppointments
{
    public const string Signature = "d7ky5b6cnyh5roaap7ypk4w3xdf5s7qfk8xh3kgtgy8hk3d6sgqeaq4fy5e1j83ibzs5n5c4tonnpuwfqrt5ggxzmbixaz4sxhsxsmx7";

    public static AppointmentState For(
        UserId owner, ClientProfile profile = ClientProfile.Rust, Locator? locator = null, int blobLength = 300, uint startBlock = 200, bool triggered = false) =>
        new()
        {
            Locator = locator ?? RandomLocator(),
            EncryptedBlob = RandomNumberGenerator.GetBytes(blobLength),
            ToSelfDelay = 42,
            UserSignature = Signature,
            StartBlock = startBlock,
            UserId = owner,
            Profile = profile,
            Triggered = triggered,
        };

    public static AppointmentUuid UuidOf(AppointmentState appointment) => AppointmentUuid.Compute(appointment.Locator, appointment.UserId);

    public static GrainId GrainOf(AppointmentUuid uuid, TowerKey? tower = null) => GrainId.Create("appointment", (tower ?? TowerKey.Default).Scope(uuid.ToHex()));

    public static GrainId GrainOf(AppointmentState appointment, TowerKey? tower = null) => GrainOf(UuidOf(appointment), tower);

    public static Locator RandomLocator() => Locator.FromBytes(RandomNumberGenerator.GetBytes(Locator.Size));

    /// <summary>A random locator whose first <paramref name="bits"/> bits are the bucket number.</summary>
    public static Locator InBucket(int bucket, int bits = 10)
    {
        var bytes = RandomNumberGenerator.GetBytes(Locator.Size);
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        high = (high & (ulong.MaxValue >> bits)) | ((ulong)bucket << (64 - bits));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        return Locator.FromBytes(bytes);
    }
}

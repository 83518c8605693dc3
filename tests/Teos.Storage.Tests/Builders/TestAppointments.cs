using System.Security.Cryptography;
using Teos.Grains.Appointments;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Tests.Builders;

/// <summary>Appointments owned by a given user, for a random (or given) locator, under the owner's profile.</summary>
public static class TestAppointments
{
    public const string Signature = "d7ky5b6cnyh5roaap7ypk4w3xdf5s7qfk8xh3kgtgy8hk3d6sgqeaq4fy5e1j83ibzs5n5c4tonnpuwfqrt5ggxzmbixaz4sxhsxsmx7";

    public static Appointment For(Subscription owner, Locator? locator = null, int blobLength = 300, uint startBlock = 200)
    {
        var at = locator ?? RandomLocator();
        return new Appointment(
            AppointmentUuid.Compute(at, owner.UserId),
            at,
            RandomNumberGenerator.GetBytes(blobLength),
            42,
            Signature,
            startBlock,
            owner.UserId,
            owner.Profile);
    }

    public static Locator RandomLocator() => Locator.FromBytes(RandomNumberGenerator.GetBytes(Locator.Size));
}

using System.Security.Cryptography;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;
using Teos.Storage.Tests.Builders;

namespace Teos.Storage.Tests.Upgrade;

/// <summary>
/// Rows as the previous teosd (schema v5 on SQLite, v6 on PostgreSQL) wrote them: users with their AVAILABLE slots,
/// appointments naming their owner's integer key, a tracker, the tip, a tower key and a recent block.
/// </summary>
public sealed class LegacyData
{
    public static readonly string NonCanonicalSignature = TestAppointments.Signature.ToUpperInvariant();

    public LegacyData()
    {
        Rust = new LegacyUser(TestUsers.NewUserId(), 90, 200, 4520, ClientProfile.Rust);
        Python = new LegacyUser(TestUsers.NewUserId(), 10, 300, uint.MaxValue, ClientProfile.Python);
        Watched = LegacyAppointment.Of(Rust, 300, TestAppointments.Signature);
        Responded = LegacyAppointment.Of(Rust, 2049, TestAppointments.Signature);
        Python1 = LegacyAppointment.Of(Python, 1, NonCanonicalSignature);
    }

    public LegacyUser Rust { get; }

    public LegacyUser Python { get; }

    public LegacyAppointment Watched { get; }

    /// <summary>The appointment with a tracker.</summary>
    public LegacyAppointment Responded { get; }

    public LegacyAppointment Python1 { get; }

    public IReadOnlyList<LegacyUser> Users => [Rust, Python];

    public IReadOnlyList<LegacyAppointment> Appointments => [Watched, Responded, Python1];

    public byte[] DisputeTx { get; } = RandomNumberGenerator.GetBytes(120);

    public byte[] PenaltyTx { get; } = RandomNumberGenerator.GetBytes(150);

    public byte[] PenaltyTxid { get; } = RandomNumberGenerator.GetBytes(32);

    public uint TrackerHeight => 301;

    public uint256 TipHash { get; } = TestHashes.Random();

    public uint TipHeight => 320;

    public string TowerKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public uint256 RecentBlockHash { get; } = TestHashes.Random();

    public IReadOnlyList<uint256> RecentTxids { get; } = TestHashes.Many(5);
}

public sealed record LegacyUser(UserId Id, uint AvailableSlots, uint Start, uint Expiry, ClientProfile Profile);

public sealed record LegacyAppointment(LegacyUser Owner, AppointmentUuid Uuid, Locator Locator, byte[] Blob, string Signature)
{
    public static LegacyAppointment Of(LegacyUser owner, int blobLength, string signature)
    {
        var locator = TestAppointments.RandomLocator();
        return new LegacyAppointment(owner, AppointmentUuid.Compute(locator, owner.Id), locator, RandomNumberGenerator.GetBytes(blobLength), signature);
    }
}

using System.Security.Cryptography;
using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Tests.Cluster;

/// <summary>A tower user's key and the add_appointment submissions it signs (spec 1.8).</summary>
public sealed class ClusterUser
{
    private readonly SecretKey _key = SecretKey.Generate();

    public UserId Id => new(_key.PublicKey);

    public AppointmentUuid UuidOf(Locator locator) => AppointmentUuid.Compute(locator, Id);

    public AppointmentSubmission Submission(Locator locator, byte[] blob, uint toSelfDelay = 42) =>
        new(locator, blob, toSelfDelay, LightningMessageSigner.Default.Sign(_key, AppointmentSerialization.Serialize(locator, blob, toSelfDelay)));

    public AppointmentSubmission Submission(RevokedCommitment commitment, ClientProfile profile = ClientProfile.Rust) =>
        Submission(commitment.Locator(profile), commitment.Blob(profile));

    /// <summary>An appointment for a locator no transaction will have, with a blob of <paramref name="blobLength"/> bytes.</summary>
    public AppointmentSubmission Unbreached(int blobLength = 100) =>
        Submission(Locator.FromBytes(RandomNumberGenerator.GetBytes(Locator.Size)), RandomNumberGenerator.GetBytes(blobLength));
}

using System.Security.Cryptography;
using NBitcoin;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Grains.Tests.Builders;

/// <summary>Tracker summaries with random identities and the status under test.</summary>
public static class Trackers
{
    public static TrackerSummary Summary(TrackerStatus status, bool reorged = false) =>
        new(AppointmentUuid.FromBytes(RandomNumberGenerator.GetBytes(AppointmentUuid.Size)), RandomTxid(), status, reorged);

    public static uint256 RandomTxid() => new uint256(RandomNumberGenerator.GetBytes(32));
}

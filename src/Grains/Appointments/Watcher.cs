using System.Diagnostics.CodeAnalysis;
using NBitcoin;
using Teos.Protocol.Blobs;

namespace Teos.Grains.Appointments;

/// <summary>The Watcher's rules (spec 4.3): which appointments are taken, and what a breach makes of one.</summary>
public static class Watcher
{
    /// <summary>
    /// The python-teos rules checked before the signature, as python-teos does (listed deviations: rust-teos parses
    /// min_to_self_delay and never checks it, and has no tower-wide cap).
    /// </summary>
    /// <param name="storedAppointments">Appointments stored tower-wide (a few seconds old at most).</param>
    public static AppointmentFailure? CheckSubmission(AppointmentSubmission submission, WatcherOptions options, long storedAppointments)
    {
        if (submission.ToSelfDelay < options.MinToSelfDelay)
            return AppointmentFailure.ToSelfDelayTooSmall;
        if (options.MaxAppointments > 0 && storedAppointments >= options.MaxAppointments)
            return AppointmentFailure.TowerFull;
        return null;
    }

    /// <summary>
    /// Opens a breached appointment's blob with its dispute txid under the appointment's own profile (spec 1.9, 9).
    /// False means the appointment is invalid (it does not decrypt, or not to exactly one transaction): it is dropped
    /// and its slots stay spent (spec 4.5).
    /// </summary>
    public static bool TryOpenPenalty(AppointmentState appointment, uint256 disputeTxid, [NotNullWhen(true)] out Transaction? penalty) =>
        PenaltyBlob.TryOpen(appointment.EncryptedBlob, disputeTxid, appointment.Profile, out penalty);
}

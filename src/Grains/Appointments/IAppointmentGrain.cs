using Teos.Grains.Locators;

namespace Teos.Grains.Appointments;

/// <summary>
/// One user's appointment for one locator (key <c>"&lt;tower&gt;/&lt;uuid hex&gt;"</c>, spec 4.3): it takes its updates,
/// reports its status, and on a breach opens its blob and hands the penalty to its tracker. Its first row is written
/// by the owner's user grain.
/// </summary>
public interface IAppointmentGrain : IGrainWithStringKey
{
    /// <summary>Whether the stored appointment with this uuid already became a tracker (false when none is stored).</summary>
    Task<bool> IsTriggered();

    /// <summary>Replaces the stored appointment durably (an update of the same locator, spec 4.2).</summary>
    /// <returns>False when the stored appointment became a tracker meanwhile (nothing written: 400/35).</returns>
    Task<bool> Update(AppointmentState appointment);

    /// <summary>The appointment, or its tracker once triggered; null when nothing is stored.</summary>
    Task<AppointmentView?> GetView();

    /// <summary>The block feed found the appointment's dispute in a block (spec 4.3 per connected block).</summary>
    Task<BreachOutcome> OnBreach(Breach breach);

    /// <summary>
    /// The dispute is already in one of the last blocks (the cache path, spec 4.3): fetches it from bitcoind (bounded)
    /// and answers the breach at the tower's current height.
    /// </summary>
    Task<BreachOutcome> OnRecentBreach(RecentBreach breach, uint towerHeight);
}

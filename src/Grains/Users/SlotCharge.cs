using Teos.Protocol.Appointments;

namespace Teos.Grains.Users;

/// <summary>
/// What an appointment costs (spec 4.2): the difference between the new blob's slots and the slots of the
/// blob it replaces, so updates to a smaller blob refund and re-sending the same appointment is free.
/// </summary>
public static class SlotCharge
{
    /// <returns>The available slots after the charge, or null when the user cannot afford it.</returns>
    public static uint? Apply(uint availableSlots, int? replacedBlobLength, int newBlobLength)
    {
        long used = replacedBlobLength is { } length ? SlotCost.Of(length) : 0;
        long diff = SlotCost.Of(newBlobLength) - used;
        if (diff > availableSlots)
            return null;
        return (uint)Math.Min(uint.MaxValue, availableSlots - diff);
    }
}

namespace Teos.Protocol.Appointments;

/// <summary>
/// Slots an appointment costs: ceil(len(encrypted_blob) / 2048) (spec 1.9, 4.2). An empty blob costs nothing;
/// 2048 is the slot size, not a size limit.
/// </summary>
public static class SlotCost
{
    public const int SlotSize = 2048;

    public static uint Of(int encryptedBlobLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(encryptedBlobLength);
        return (uint)((encryptedBlobLength + (long)SlotSize - 1) / SlotSize);
    }
}

using Teos.Protocol.Appointments;

namespace Teos.Grains.Locators;

/// <summary>
/// Which locator bucket watches a locator: its first <see cref="Bits"/> bits. The count is recorded in the schema
/// (teos_settings.bucket_bits): changing it means re-bucketing every stored appointment.
/// </summary>
public static class LocatorBucket
{
    public const int Bits = 10;

    public const int Count = 1 << Bits;

    public static int Of(Locator locator) => (int)(locator.High >> (64 - Bits));
}

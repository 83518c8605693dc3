namespace Teos.Storage.Hosting;

/// <summary>The database records settings this silo does not share (DESIGN-19 section 1: the bucket width).</summary>
public sealed class StorageSettingsException(string message) : InvalidOperationException(message)
{
    internal static void ThrowIfBucketBitsDiffer(string database, long? stored, int expected)
    {
        if (stored != expected)
        {
            throw new StorageSettingsException(
                $"database {database} records bucket_bits = {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, " +
                $"but this teosd uses {expected}: the appointments would need re-bucketing");
        }
    }
}

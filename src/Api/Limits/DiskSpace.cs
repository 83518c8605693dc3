namespace Teos.Api.Limits;

/// <summary>Free and total bytes of a volume.</summary>
public readonly record struct DiskSpace(long FreeBytes, long TotalBytes)
{
    /// <summary>The volume holding <paramref name="directory"/> (statvfs on Unix), as seen by an unprivileged writer.</summary>
    public static DiskSpace Of(string directory)
    {
        var drive = new DriveInfo(directory);
        return new DiskSpace(drive.AvailableFreeSpace, drive.TotalSize);
    }
}

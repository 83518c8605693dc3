using System.Runtime.InteropServices;

namespace Teos.Silo.Startup;

/// <summary>
/// The process umask, set to 077 the way bitcoind does at start: every file and directory teosd creates (the data
/// dir, the database and its -wal/-shm, keys, backups) is then owner-only, whatever the library that creates it.
/// </summary>
public static class FileCreationMask
{
    private const uint OwnerOnly = 0x3F; // 077: no access for group and others

    public static void RestrictToOwner()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = SetMask(OwnerOnly);
    }

    // DllImport rather than LibraryImport: a blittable call needs no marshalling, and no unsafe code in teosd.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetMask(uint mask);
}

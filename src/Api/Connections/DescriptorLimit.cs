using System.Runtime.InteropServices;

namespace Teos.Api.Connections;

/// <summary>
/// The process' limit on open file descriptors (RLIMIT_NOFILE, the soft limit in force), and how many are open.
/// Every connection holds one; running out of them kills the process from inside the runtime ("Out of memory."),
/// so the connection cap stays below it.
/// </summary>
public static class DescriptorLimit
{
    /// <summary>The limit, or null where the platform has none to read (Windows).</summary>
    public static long? Read()
    {
        int? resource = OperatingSystem.IsLinux() ? 7 : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 8 : null;
        if (resource is not { } nofile || GetRLimit(nofile, out var limit) != 0)
            return null;
        // RLIM_INFINITY is all ones; any limit beyond a long is no limit in practice.
        return limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
    }

    /// <summary>Descriptors open now (Linux: the entries of /proc/self/fd), or null where that cannot be read.</summary>
    public static long? InUse()
    {
        try
        {
            // The enumeration holds one more descriptor of its own, which stays on the safe side.
            return OperatingSystem.IsLinux() ? Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A plain DllImport: the struct is blittable, so no marshalling code (and no unsafe blocks) is needed.
    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}

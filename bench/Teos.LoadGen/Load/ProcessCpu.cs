using System.Globalization;

namespace Teos.LoadGen.Load;

/// <summary>User + system CPU time of a process from /proc/&lt;pid&gt;/stat.</summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux

    /// <summary>CPU of every live process whose command name is <paramref name="comm"/> (e.g. the PostgreSQL server's).</summary>
    public static TimeSpan ReadAll(string comm)
    {
        var total = TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == comm)
                    total += Read(pid);
            }
            catch (IOException)
            {
            }
        }

        return total;
    }

    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": field 3 is state at index 0, so utime (14) is index 11 and stime (15) index 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

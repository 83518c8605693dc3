using System.Diagnostics;
using System.Globalization;

namespace Teos.TestSupport.Disk;

/// <summary>
/// A small tmpfs mounted for one test, to fill up for real: mounting takes root (or password-less sudo), so
/// <see cref="TryMountAsync"/> returns null where the test cannot have one. A ballast file fills it on demand.
/// </summary>
public sealed class SmallVolume : IAsyncDisposable
{
    private readonly bool _sudo;

    private SmallVolume(string path, bool sudo)
    {
        Path = path;
        _sudo = sudo;
    }

    public string Path { get; }

    private string Ballast => System.IO.Path.Combine(Path, "ballast");

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public static async Task<SmallVolume?> TryMountAsync(int mebibytes)
    {
        var path = Directory.CreateTempSubdirectory("teos-volume-").FullName;
        var options = $"size={mebibytes.ToString(CultureInfo.InvariantCulture)}m,mode=0777";
        foreach (var sudo in new[] { false, true })
        {
            if (!sudo && Environment.UserName != "root")
                continue;
            if (await RunAsync(sudo, "mount", "-t", "tmpfs", "-o", options, "tmpfs", path) == 0)
                return new SmallVolume(path, sudo);
        }

        Directory.Delete(path);
        return null;
    }

    /// <summary>Writes ballast until the volume is full (the write fails with "no space left").</summary>
    public void Fill() => FillUntil(0);

    /// <summary>Writes ballast until at most <paramref name="freeBytes"/> are left free (or the volume is full).</summary>
    public void FillUntil(long freeBytes)
    {
        var chunk = new byte[16 * 1024];
        using var ballast = new FileStream(Ballast, FileMode.Append, FileAccess.Write);
        try
        {
            while (FreeBytes > freeBytes)
            {
                ballast.Write(chunk, 0, (int)Math.Min(chunk.Length, Math.Max(4096, FreeBytes - freeBytes)));
                ballast.Flush();
            }
        }
        catch (IOException)
        {
            // No space left: full.
        }
    }

    public void Empty() => File.Delete(Ballast);

    public async ValueTask DisposeAsync()
    {
        await RunAsync(_sudo, "umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<int> RunAsync(bool sudo, params string[] command)
    {
        var info = new ProcessStartInfo(sudo ? "sudo" : command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        IEnumerable<string> words = sudo ? ["-n", .. command] : command.Skip(1);
        foreach (var word in words)
            info.ArgumentList.Add(word);
        try
        {
            using var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // no such command
        }
    }
}

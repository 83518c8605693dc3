using System.Diagnostics;
using System.Runtime.InteropServices;
using Teos.TestSupport;

namespace Teos.LoadGen.Processes;

/// <summary>
/// The teosd the benchmarks run: published from the source tree the way docker/Dockerfile ships it (Release,
/// ReadyToRun), not the plain IL copy in this program's folder. teosd's per-block code runs once per block, so
/// without precompiled code every block would be measured while the JIT compiles it. Published once per
/// benchmark process into this program's folder; later publishes are incremental.
/// </summary>
public sealed class TeosdBuild
{
    private readonly Lazy<Task<string>> _published;

    public TeosdBuild(string outputRoot) =>
        _published = new Lazy<Task<string>>(() => PublishAsync(outputRoot));

    public static TeosdBuild Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "teosd-r2r"));

    /// <summary>Full path of the published teosd.dll.</summary>
    public Task<string> AssemblyAsync() => _published.Value;

    private static async Task<string> PublishAsync(string outputRoot)
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "Silo", "Teos.Silo.csproj");
        var output = Path.Combine(outputRoot, "publish");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
                 [
                     "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
                     "-p:PublishReadyToRun=true", "--artifacts-path", Path.Combine(outputRoot, "artifacts"), "-o", output,
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var started = Stopwatch.StartNew();
        Console.WriteLine($"teosd: publishing {project} (Release, ReadyToRun) to {output}");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of teosd failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        Console.WriteLine($"teosd: published in {started.Elapsed.TotalSeconds:F0} s");
        return Path.Combine(output, "teosd.dll");
    }
}

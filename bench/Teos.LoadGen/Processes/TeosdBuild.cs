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
    private readonly Lazy<Task<bool>> _hostsSilo;

    private TeosdBuild(Func<Task<string>> assembly, string name)
    {
        _published = new Lazy<Task<string>>(assembly);
        _hostsSilo = new Lazy<Task<bool>>(async () => await HelpMentionsSiloAsync(await _published.Value));
        Name = name;
    }

    public TeosdBuild(string outputRoot)
        : this(() => PublishAsync(outputRoot), "this tree")
    {
    }

    public static TeosdBuild Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "teosd-r2r"));

    /// <summary>Where the build comes from, for the figures' lines.</summary>
    public string Name { get; }

    /// <summary>
    /// A teosd.dll built elsewhere (e.g. an older commit, published the same way), run as it is: `ingest --compare`
    /// measures it against this tree's build in the same run.
    /// </summary>
    public static TeosdBuild Prebuilt(string assembly) =>
        File.Exists(assembly)
            ? new TeosdBuild(() => Task.FromResult(Path.GetFullPath(assembly)), Path.GetFullPath(assembly))
            : throw new ArgumentException($"--compare: no teosd assembly at '{assembly}'");

    /// <summary>Full path of the published teosd.dll.</summary>
    public Task<string> AssemblyAsync() => _published.Value;

    /// <summary>
    /// Whether this teosd hosts an Orleans silo and so takes --siloport/--gatewayport; teosd before the grains
    /// rejects them. Read from its --help once.
    /// </summary>
    public Task<bool> HostsSiloAsync() => _hostsSilo.Value;

    private static async Task<bool> HelpMentionsSiloAsync(string assembly)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--help");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("teosd --help did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new InvalidOperationException($"{assembly} --help did not exit within a minute");
        }

        return (await stdout + await stderr).Contains("--siloport", StringComparison.Ordinal);
    }

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

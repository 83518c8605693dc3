using System.Diagnostics;
using System.Text.RegularExpressions;
using Teos.TestSupport;
using Xunit;

namespace Teos.Silo.Tests.Docker;

/// <summary>
/// docker/compose.yaml as docker-compose reads it. No Docker engine is needed (nothing is built or run), but the
/// docker-compose binary is: where it is not installed the test is reported as skipped, never as passed.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeFile = Path.Combine(RepositoryPaths.Root, "docker", "compose.yaml");

    [DockerComposeFact]
    public async Task Docker_compose_accepts_the_compose_file_with_three_silos_each_on_its_own_address_and_ports()
    {
        var check = await DockerComposeAsync("config", "-q");
        var services = await DockerComposeAsync("config", "--services");
        var resolved = await DockerComposeAsync("config");

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Equal(["bitcoind", "postgres", "silo1", "silo2", "silo3"], services.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        var silos = Regex.Matches(resolved.Stdout, @"- --siloaddress\s+- (\S+)\s+- --siloport\s+- '(\d+)'\s+- --gatewayport\s+- '(\d+)'");
        Assert.Equal(3, silos.Count);
        foreach (var index in new[] { 1, 2, 3 })
            Assert.Equal(3, silos.Select(silo => silo.Groups[index].Value).Distinct().Count());
        foreach (Match silo in silos)
            Assert.Contains($"ipv4_address: {silo.Groups[1].Value}", resolved.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Matches(resolved.Stdout, "restart: unless-stopped").Count);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> DockerComposeAsync(params string[] args)
    {
        var info = new ProcessStartInfo(DockerComposeFactAttribute.Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-f", ComposeFile, .. args])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A fact that is skipped, saying why, where no docker-compose binary is on the PATH.</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (Binary is null)
            Skip = "docker-compose is not installed (apt-get install docker-compose); the compose file was not checked";
    }

    public static string? Binary { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "docker-compose"))
        .FirstOrDefault(File.Exists);
}

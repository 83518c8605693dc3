using System.Diagnostics;
using Teos.BitcoindSim.Server;
using Xunit;

namespace Teos.BitcoindSim.Tests;

public sealed class SimExecutableTests
{
    [Fact]
    public void The_command_line_takes_bitcoind_style_flags_and_starts_with_101_blocks()
    {
        Assert.True(SimCommandLine.TryParse(["--port", "18443", "--rpcuser=u", "--rpcpassword", "p", "--cookie", "/tmp/c"], out var options, out _));

        Assert.Equal(18443, options.Port);
        Assert.Equal("u", options.RpcUser);
        Assert.Equal("p", options.RpcPassword);
        Assert.Equal("/tmp/c", options.CookiePath);
        Assert.Equal(101, options.InitialBlocks);
        Assert.False(options.WarmUp);
        Assert.True(SimCommandLine.TryParse(["--warmup", "true"], out var warm, out _));
        Assert.True(warm.WarmUp);
        Assert.False(SimCommandLine.TryParse(["--bogus", "1"], out _, out var error));
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_warms_up_on_a_scratch_chain_prints_its_port_serves_rpc_and_stops_on_request()
    {
        var assembly = typeof(BitcoindSimServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly, "--port", "0", "--rpcuser", "u", "--rpcpassword", "p", "--blocks", "101", "--warmup", "true"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("listening on 127.0.0.1:", line, StringComparison.Ordinal);
            var port = int.Parse(line!.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);

            using var rpc = new SimRpc(new Uri($"http://127.0.0.1:{port}/"), "u", "p");
            // The warm-up mined and broadcast on its own chain, not this one.
            Assert.Equal(101, (int)(await rpc.CallAsync("getblockcount"))!);
            Assert.Empty((System.Text.Json.Nodes.JsonArray)(await rpc.CallAsync("getrawmempool"))!);
            await rpc.CallAsync("generatetoaddress", 2, "bcrt1qignored");
            Assert.Equal(103, (int)(await rpc.CallAsync("getblockcount"))!);
            await rpc.CallAsync("stop");

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        using var process = Start("--help");
        var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--blocks N", stdout, StringComparison.Ordinal);
        Assert.Contains("SIGTERM", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_the_executable_with_status_0()
    {
        using var process = Start("--port", "0", "--blocks", "1");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("listening on 127.0.0.1:", line, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(BitcoindSimServer).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        return Process.Start(start)!;
    }
}

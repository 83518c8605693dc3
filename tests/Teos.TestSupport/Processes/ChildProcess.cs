using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Teos.TestSupport.Processes;

/// <summary>
/// A .NET program from the caller's output folder (tests and benchmarks reference teosd and the simulator for their
/// binaries), run as a real child process with its output lines kept, so a caller can wait for a log line, read
/// figures from the log, show it when something fails, and stop it with SIGTERM or kill -9.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly object _gate = new();
    private readonly string _name;
    private readonly bool _echo;

    private ChildProcess(Process process, string name, bool echo)
    {
        _process = process;
        _name = name;
        _echo = echo;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public DateTime StartedAt { get; private set; }

    public int LineCount
    {
        get
        {
            lock (_gate)
                return _lines.Count;
        }
    }

    /// <param name="launcher">A command that runs the program in its place (it must exec it, keeping the pid), e.g.
    /// <see cref="WithDescriptorLimit"/>; null runs dotnet directly.</param>
    public static ChildProcess Start(
        string assembly,
        IEnumerable<string> args,
        string? name = null,
        bool echo = false,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        var info = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var word in launcher.Skip(1))
                info.ArgumentList.Add(word);
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var child = new ChildProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, name ?? Path.GetFileNameWithoutExtension(assembly), echo);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.StartedAt = DateTime.UtcNow;
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>A launcher that runs the program with at most <paramref name="descriptors"/> open files (soft and hard limit).</summary>
    public static IReadOnlyList<string> WithDescriptorLimit(int descriptors) =>
        ["sh", "-c", $"ulimit -n {descriptors.ToString(CultureInfo.InvariantCulture)} && exec \"$0\" \"$@\""];

    /// <summary>Lines from index <paramref name="from"/> on.</summary>
    public IReadOnlyList<string> LinesFrom(int from)
    {
        lock (_gate)
            return _lines.Skip(from).ToList();
    }

    /// <summary>Waits for the first line at or after index <paramref name="from"/> matching the pattern.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout, int from = 0)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var deadline = DateTime.UtcNow + timeout;
        var next = from;
        while (true)
        {
            foreach (var line in LinesFrom(next))
            {
                next++;
                var match = regex.Match(line);
                if (match.Success)
                    return match;
            }

            if (_process.HasExited)
                throw new InvalidOperationException($"{_name} exited ({_process.ExitCode}) before printing /{pattern}/:\n{Tail(40)}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{_name}: no line matching /{pattern}/ within {timeout}:\n{Tail(40)}");
            await Task.Delay(10);
        }
    }

    /// <summary>Everything printed so far, one line per line.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
                return string.Join('\n', _lines);
        }
    }

    public int CountLines(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return LinesFrom(0).Count(line => regex.IsMatch(line));
    }

    /// <summary>Waits for the process to exit on its own (e.g. after an admin stop); fails with the log on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} still running after {timeout}:\n{Tail(40)}");
        }

        return _process.ExitCode;
    }

    public string Tail(int lines)
    {
        lock (_gate)
            return string.Join('\n', _lines.TakeLast(lines));
    }

    /// <summary>Resident memory from /proc/&lt;pid&gt;/status, in KiB.</summary>
    public long ResidentKib()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("no VmRSS line");
    }

    /// <summary>kill -9: no shutdown code runs, as in a crash.</summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the process hangs (keeps its sockets, answers nothing) until <see cref="ResumeAsync"/>.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a frozen process runs on from where it stopped.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>SIGTERM, then wait (bounded) for a clean exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private async Task SignalAsync(string signal)
    {
        if (_process.HasExited)
            return;
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            _lines.Add(line);
        if (_echo)
            Console.WriteLine($"  [{_name}] {line}");
    }
}

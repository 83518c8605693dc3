using System.Text.Json;

namespace Teos.Playground;

/// <summary>
/// What a running playground tells the tour (and anyone curious) in &lt;dir&gt;/playground.json: where everything
/// listens and the tower id. Written once the tower is ready, deleted when the playground stops.
/// </summary>
public sealed record PlaygroundState(
    int ProcessId, string TowerId, Uri Api, Uri Admin, Uri Metrics, Uri Bitcoind, string RpcUser, string RpcPassword)
{
    public const string FileName = "playground.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string PathIn(string dir) => Path.Combine(dir, FileName);

    public async Task SaveAsync(string dir) => await File.WriteAllTextAsync(PathIn(dir), JsonSerializer.Serialize(this, Json));

    /// <returns>The state of a playground still running, else null.</returns>
    public static async Task<PlaygroundState?> LoadRunningAsync(string dir)
    {
        if (!File.Exists(PathIn(dir)))
            return null;
        var state = JsonSerializer.Deserialize<PlaygroundState>(await File.ReadAllTextAsync(PathIn(dir)), Json);
        return state is not null && IsRunning(state.ProcessId) ? state : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

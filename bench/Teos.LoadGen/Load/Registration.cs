using Teos.LoadGen.Http;

namespace Teos.LoadGen.Load;

/// <summary>Registers users through the public API and fails unless every one is accepted.</summary>
public static class Registration
{
    public static async Task RegisterAllAsync(IReadOnlyList<BenchUser> users, int port, int connections = 16)
    {
        var requests = users.Select(u => Requests.Register(u, port)).ToList();
        var result = await LoadSender.RunAsync(requests, port, connections);
        if (result.Accepted != users.Count)
            throw new InvalidOperationException($"register: {result.Describe()}");
    }

    public static async Task<RawResponse> SendOneAsync(RawRequest request, int port)
    {
        await using var connection = await RawConnection.OpenAsync(port);
        return await connection.SendAsync(request, TimeSpan.FromSeconds(60));
    }
}

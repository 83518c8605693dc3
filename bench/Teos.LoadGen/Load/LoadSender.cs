using System.Collections.Concurrent;
using System.Diagnostics;
using Teos.LoadGen.Http;

namespace Teos.LoadGen.Load;

/// <summary>
/// Sends pre-built requests from <c>connections</c> keep-alive connections, each with one request in flight, and
/// times every request from write to last response byte.
/// </summary>
public static class LoadSender
{
    /// <param name="onResponse">Called for every answered request (index, response), from the sending task.</param>
    /// <param name="stop">Stops taking new requests (e.g. the tower was killed); in-flight ones fail or finish.</param>
    public static Task<LoadResult> RunAsync(
        IReadOnlyList<RawRequest> requests, int port, int connections,
        Action<int, RawResponse>? onResponse = null, CancellationToken stop = default) =>
        RunAsync(requests, [port], connections, onResponse, stop);

    /// <summary>Connection i goes to <paramref name="ports"/>[i mod count]: the load spread round-robin over several silos.</summary>
    public static async Task<LoadResult> RunAsync(
        IReadOnlyList<RawRequest> requests, IReadOnlyList<int> ports, int connections,
        Action<int, RawResponse>? onResponse = null, CancellationToken stop = default)
    {
        var next = -1;
        var accepted = 0;
        var sent = 0;
        var failures = new ConcurrentDictionary<string, int>();
        var latencies = new ConcurrentBag<double[]>();
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int port)
        {
            var mine = new List<double>();
            RawConnection? connection = null;
            try
            {
                int index;
                while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < requests.Count)
                {
                    try
                    {
                        connection ??= await RawConnection.OpenAsync(port);
                        Interlocked.Increment(ref sent);
                        var start = Stopwatch.GetTimestamp();
                        var response = await connection.SendAsync(requests[index], TimeSpan.FromSeconds(60));
                        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        onResponse?.Invoke(index, response);
                        if (response.Status == 200)
                        {
                            Interlocked.Increment(ref accepted);
                            mine.Add(ms);
                        }
                        else
                        {
                            failures.AddOrUpdate($"HTTP {response.Status}", 1, (_, n) => n + 1);
                        }
                    }
                    catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
                    {
                        failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                        if (connection is not null)
                            await connection.DisposeAsync();
                        connection = null;
                        if (stop.IsCancellationRequested)
                            break;
                    }
                }
            }
            finally
            {
                if (connection is not null)
                    await connection.DisposeAsync();
                latencies.Add([.. mine]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkerAsync(ports[i % ports.Count]))));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(sent, accepted, new Dictionary<string, int>(failures), all, elapsed);
    }
}

using Teos.BitcoindSim;
using Teos.BitcoindSim.Server;

if (!SimCommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SimCommandLine.Usage);
    return 2;
}

if (options.WarmUp)
    await SimWarmUp.RunAsync();
await using var server = await BitcoindSimServer.StartAsync(options);
// Process-level tests read this line to learn the port.
Console.WriteLine($"listening on 127.0.0.1:{server.Port}");
Console.Out.Flush();

var interrupted = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => interrupted.TrySetResult();
await Task.WhenAny(interrupted.Task, server.ShutdownRequested);
return 0;

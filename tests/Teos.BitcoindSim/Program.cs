using System.Runtime.InteropServices;
using Teos.BitcoindSim;
using Teos.BitcoindSim.Server;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(SimCommandLine.Usage);
    return 0;
}

if (!SimCommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SimCommandLine.Usage);
    return 2;
}

// Registered before anything starts: Kestrel's host also listens for SIGTERM, and would otherwise take it, stop
// only its own listener and leave this process running.
var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

if (options.WarmUp)
    await SimWarmUp.RunAsync();
await using var server = await BitcoindSimServer.StartAsync(options);
// Process-level tests read this line to learn the port.
Console.WriteLine($"listening on 127.0.0.1:{server.Port}");
Console.Out.Flush();

await Task.WhenAny(interrupted.Task, server.ShutdownRequested);
return 0;

void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.TrySetResult();
}

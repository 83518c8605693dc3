using Teos.Cli.Client;
using Teos.Playground;
using Teos.Silo.Startup;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(PlaygroundOptions.Usage);
    return 0;
}

try
{
    var tour = args is ["tour", ..];
    var options = PlaygroundOptions.Parse(tour ? args[1..] : args);
    if (tour)
        return await Tour.RunAsync(options, CancellationToken.None);

    // As teosd: owner-only files, since the playground's tower has keys too.
    FileCreationMask.RestrictToOwner();
    return await PlaygroundHost.RunAsync(options);
}
catch (Exception e) when (e is ArgumentException or ClientException or TimeoutException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"teos-playground: {e.Message}");
    return 1;
}

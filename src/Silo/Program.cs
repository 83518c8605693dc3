using Microsoft.Extensions.Options;
using Teos.Grains.Chain;
using Teos.Silo;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage.Text);
    return 0;
}

try
{
    await using var app = await TeosHost.BuildAsync(args);
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or OptionsValidationException or BitcoindException)
{
    // Configuration and startup problems are the operator's to fix: say what is wrong, without a stack trace.
    Console.Error.WriteLine($"teosd: {e.Message}");
    return 1;
}

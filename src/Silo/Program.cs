using Teos.Silo;
using Teos.Silo.Backup;
using Teos.Silo.Move;
using Teos.Silo.Startup;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage.Text);
    return 0;
}

if (args.Contains("--version"))
{
    Console.WriteLine(Usage.Version);
    return 0;
}

// Owner-only files and directories from here on, as bitcoind does: the data dir holds the tower key.
FileCreationMask.RestrictToOwner();
var debug = args.Contains("--debug") || string.Equals(Environment.GetEnvironmentVariable("TEOS_DEBUG"), "true", StringComparison.OrdinalIgnoreCase);
if (args is [BackupCommand.Backup or BackupCommand.Restore, ..])
    return await BackupCommand.RunAsync(args, debug);
if (args is [MigrateCommand.Migrate, ..])
    return await MigrateCommand.RunAsync(args, debug);

WebApplication app;
try
{
    app = await TeosHost.BuildAsync(args);
    await TeosHost.StartAsync(app);
}
catch (Exception e)
{
    // The operator's to fix: one line saying what and how (the stack trace with --debug).
    return StartupFailure.Report(e, debug, Console.Error);
}

await using (app)
    await app.WaitForShutdownAsync();
return Environment.ExitCode;

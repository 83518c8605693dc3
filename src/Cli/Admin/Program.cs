using Teos.Cli.Admin;

return await TeosCliCommand.Create().Parse(args).InvokeAsync();

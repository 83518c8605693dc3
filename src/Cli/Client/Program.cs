using Teos.Cli.Client;

return await TeosClientCommand.Create().Parse(args).InvokeAsync();

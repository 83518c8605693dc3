using System.Text.Json.Nodes;
using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.Cli.Client;

namespace Teos.Playground;

/// <summary>
/// The tour: a Lightning user's whole story with a watchtower, against the running playground, told step by step.
/// It uses teos-client's own code (key, appointment encryption, receipt checks) and drives the simulator's chain.
/// </summary>
public static class Tour
{
    private const uint ToSelfDelay = 42;
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(PlaygroundOptions options, CancellationToken cancellationToken)
    {
        if (await PlaygroundState.LoadRunningAsync(options.Dir) is not { } state)
        {
            Console.Error.WriteLine($"teos-playground tour: no playground runs from {options.Dir}; start one first: dotnet run --project src/Playground");
            return 1;
        }

        var context = await ClientContext.ResolveAsync(options.ClientDir, state.Api.ToString(), state.TowerId, json: false, Console.Out, cancellationToken);
        using var connection = new TowerConnection(state.Api);
        var user = new UserCommands(context, connection);
        using var bitcoind = new SimulatorRpc(state);

        Step(1, "Register with the tower (teos-client register). Its receipt is checked against the tower id.");
        Print(await user.RegisterAsync(cancellationToken));

        Step(2, "Make a channel state that gets revoked: the old commitment a cheater could broadcast, and the penalty (justice) transaction that spends it.");
        var commitment = SimTransactions.Funded(outputs: 2);
        var penalty = SimTransactions.Spending(new OutPoint(commitment.GetHash(), 0));
        Print($"commitment txid   {commitment.GetHash()}\npenalty txid      {penalty.GetHash()}\n");

        Step(3, "Hand the penalty to the tower (teos-client add-appointment): encrypted with the commitment txid, so the tower learns nothing until the commitment is mined.");
        Print(await user.AddAppointmentAsync(commitment.GetHash().ToString(), penalty.ToHex(), ToSelfDelay, Console.Error, cancellationToken));
        var locator = PreparedAppointment.Create(context.UserKey, commitment.GetHash(), penalty, ToSelfDelay).Locator.ToHex();
        Print(await user.GetAppointmentAsync(locator, cancellationToken));

        Step(4, "The cheater broadcasts the revoked commitment, and a miner puts it in a block (sim_mine on the simulator).");
        await bitcoind.CallAsync("sim_mine", 1, new JsonArray(commitment.ToHex()), true);
        Print($"mined block {await bitcoind.CallAsync("getblockcount")} with commitment {commitment.GetHash()}\n");

        Step(5, "The tower sees the breach in that block, decrypts the penalty and broadcasts it (watch the tower's log).");
        var answer = await WaitForResponseAsync(user, locator, cancellationToken);
        Print(answer);
        var mempool = (await bitcoind.CallAsync("getrawmempool"))!.AsArray().Select(txid => txid!.GetValue<string>()).ToList();
        Print(mempool.Contains(penalty.GetHash().ToString())
            ? $"penalty {penalty.GetHash()} is in bitcoind's mempool: the tower broadcast it\n"
            : $"penalty {penalty.GetHash()} is not in the mempool (already mined?)\n");

        Step(6, "A miner confirms the penalty: the cheater's funds go to the honest party.");
        await bitcoind.CallAsync("sim_mine", 1, new JsonArray(), true);
        var confirmations = (await bitcoind.CallAsync("getrawtransaction", penalty.GetHash().ToString(), true))?["confirmations"];
        Print($"penalty {penalty.GetHash()} has {confirmations} confirmation(s)\n");

        Console.WriteLine($"Tour done: the breach was answered. Metrics: curl {state.Metrics}metrics | grep ^teos_");
        return 0;
    }

    /// <summary>Polls get_appointment (bounded) until the tower reports dispute_responded.</summary>
    private static async Task<string> WaitForResponseAsync(UserCommands user, string locator, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ResponseTimeout;
        while (true)
        {
            var answer = await user.GetAppointmentAsync(locator, cancellationToken);
            if (answer.Contains("dispute_responded", StringComparison.Ordinal))
                return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the tower did not respond to the breach within {ResponseTimeout.TotalSeconds} s; last answer:\n{answer}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static void Step(int number, string text) => Console.WriteLine($"== {number}. {text}");

    private static void Print(string text) => Console.WriteLine(text);
}

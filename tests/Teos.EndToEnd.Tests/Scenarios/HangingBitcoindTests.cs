using System.Diagnostics;
using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Teos.TestSupport.Network;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// A bitcoind that accepts and never answers: within 10 s add_appointment answers 503 instead of signing receipts
/// whose start_block may be stale, and it recovers once bitcoind answers again.
/// </summary>
public sealed class HangingBitcoindTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_hanging_bitcoind_turns_add_appointment_into_503_within_10_s()
    {
        await using var simulator = await Simulator.StartAsync();
        await using var proxy = HangingProxy.Start(simulator.Port);
        var dataDir = Directory.CreateTempSubdirectory("teos-e2e-hang-").FullName;
        try
        {
            await using var tower = await Teosd.StartAsync(
                dataDir, simulator, LoopbackPort.Free(), "--btcrpcport", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var user = new TowerUser(tower.Api);
            Assert.Equal(HttpStatusCode.OK, (await user.RegisterAsync()).Status);
            var before = Channel.Revoked();
            Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(before.Dispute, before.Penalty)).Status);

            proxy.Hang();
            var hanging = Stopwatch.StartNew();
            TowerResponse answer;
            do
            {
                var channel = Channel.Revoked();
                answer = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
                if (answer.Status != HttpStatusCode.OK)
                    break;
                await Task.Delay(100);
            }
            while (hanging.Elapsed < TimeSpan.FromSeconds(20));

            output.WriteLine($"first refusal after {hanging.Elapsed.TotalSeconds:F1} s: {answer}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal("Service currently unavailable: the tower's view of the chain is not current", answer.Str("error"));
            Assert.Equal(32, answer.Json.GetProperty("error_code").GetInt32());
            // The rule: stale 10 s after the last answer, which came at most a probe interval before the hang.
            Assert.True(hanging.Elapsed <= TimeSpan.FromSeconds(10.5), $"503 only after {hanging.Elapsed}");
            // Reading needs no fresh chain: the earlier appointment is still served.
            Assert.Equal(HttpStatusCode.OK, (await user.GetAppointmentAsync(user.LocatorOf(before.Dispute))).Status);

            proxy.Resume();
            var resumed = Stopwatch.StartNew();
            do
            {
                var channel = Channel.Revoked();
                answer = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
                if (answer.Status == HttpStatusCode.OK)
                    break;
                await Task.Delay(100);
            }
            while (resumed.Elapsed < TimeSpan.FromSeconds(30));

            output.WriteLine($"accepted again {resumed.Elapsed.TotalSeconds:F1} s after bitcoind answered again");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal((uint)await simulator.HeightAsync(), answer.UInt("start_block"));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}

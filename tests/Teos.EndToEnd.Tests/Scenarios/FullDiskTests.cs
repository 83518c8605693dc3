using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Appointments;
using Teos.TestSupport.Disk;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// teosd on a 16 MiB tmpfs that fills up: a full disk answers 503 with one warning line and loses nothing
/// acknowledged, and the disk watermark stops register and add_appointment before the disk is full while reads go
/// on. Mounting takes root; without it the storage-boundary test (SqliteFullDatabaseTests) stands in.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_answers_503_and_loses_nothing_acknowledged_and_the_watermark_stops_writes_before_it()
    {
        await using var volume = await SmallVolume.TryMountAsync(16);
        if (volume is null)
        {
            output.WriteLine("no tmpfs (neither root nor password-less sudo): covered by SqliteFullDatabaseTests instead");
            return;
        }

        await using var simulator = await Simulator.StartAsync();
        var dataDir = Path.Combine(volume.Path, "teos");
        Directory.CreateDirectory(dataDir);
        var config = Path.Combine(dataDir, "teos.toml");
        var apiPort = LoopbackPort.Free();

        // Watermark off: the disk itself runs full.
        await File.WriteAllTextAsync(config, "min_free_disk_mib = 0\n");
        var tower = await Teosd.StartAsync(dataDir, simulator, apiPort);
        var user = new TowerUser(tower.Api);
        Assert.Equal(HttpStatusCode.OK, (await user.RegisterAsync()).Status);
        var acknowledged = new List<Locator>();
        for (var i = 0; i < 20; i++)
            await AddAsync(user, acknowledged);

        volume.Fill();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5_000 && !statuses.Contains(HttpStatusCode.ServiceUnavailable); i++)
            statuses.Add(await AddAsync(user, acknowledged));
        for (var i = 0; i < 10; i++)
            statuses.Add(await AddAsync(user, acknowledged));
        output.WriteLine($"disk full: {statuses.Count(s => s == HttpStatusCode.OK)} more accepted, then {statuses.Count(s => s == HttpStatusCode.ServiceUnavailable)} answered 503");

        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{status}"));
        Assert.True(tower.CountLines("warn: .*Answered /add_appointment with 503: storage unavailable") >= 1, tower.Output);
        // Warnings only: no error or critical lines, no stack frames (the console logger prints them on the line).
        output.WriteLine(string.Join('\n', tower.Output.Split('\n').Where(line => line.Contains(" warn: ", StringComparison.Ordinal)).Take(5)));
        Assert.Equal(0, tower.CountLines(@" (fail|crit): | at (Teos|System|Microsoft|SQLitePCL)\."));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAppointmentAsync(acknowledged[0])).Status);

        // A block arrives while the disk is full; once there is room again the feed processes it, and
        // appointments are accepted again. Then a crash and a restart: every acknowledged appointment is there.
        await simulator.MineAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        volume.Empty();
        await tower.WaitForBlockAsync(await simulator.HeightAsync());
        output.WriteLine($"the block feed was refused {tower.CountLines("warn: .*Block feed stopped: storage unavailable")} times while the disk was full");
        Assert.Equal(HttpStatusCode.OK, await AddAsync(user, acknowledged));
        await tower.KillHardAsync();
        await tower.DisposeAsync();
        File.Delete(config);
        tower = await Teosd.StartAsync(dataDir, simulator, apiPort);
        await using (tower)
        {
            foreach (var locator in acknowledged)
                Assert.Contains("being_watched", (await user.GetAppointmentAsync(locator)).Body, StringComparison.Ordinal);
            output.WriteLine($"{acknowledged.Count} acknowledged appointments all there after kill -9 and restart");

            // The default watermark, 5 % of 16 MiB: below it, writes answer 503 and reads go on.
            volume.FillUntil(400 << 10);
            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var register = await new TowerUser(tower.Api).RegisterAsync();
            var channel = Channel.Revoked();
            var add = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, register.Status);
            Assert.Equal("Service currently unavailable: the tower is low on disk space", register.Str("error"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, add.Status);
            Assert.Equal(HttpStatusCode.OK, (await user.GetAppointmentAsync(acknowledged[^1])).Status);
            Assert.Equal(HttpStatusCode.OK, (await user.GetSubscriptionInfoAsync()).Status);
            Assert.Equal(1, tower.CountLines("Free disk below the watermark"));

            volume.Empty();
            await Task.Delay(TimeSpan.FromSeconds(1.1));
            Assert.Equal(HttpStatusCode.OK, (await new TowerUser(tower.Api).RegisterAsync()).Status);
        }
    }

    /// <summary>Adds a fresh appointment; a 200 is remembered as acknowledged.</summary>
    private static async Task<HttpStatusCode> AddAsync(TowerUser user, List<Locator> acknowledged)
    {
        var channel = Channel.Revoked();
        var answer = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        if (answer.Status == HttpStatusCode.OK)
            acknowledged.Add(user.LocatorOf(channel.Dispute));
        return answer.Status;
    }
}

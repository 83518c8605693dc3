using System.Net;
using System.Runtime.Versioning;
using Teos.EndToEnd.Tests.Harness;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>teosd backup copies a running embedded tower; teosd restore brings it back elsewhere, same tower id and appointments.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_of_a_running_tower_restores_into_a_new_data_dir_with_its_key_and_appointments()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
        var towerId = System.Text.RegularExpressions.Regex.Match(fixture.Tower.Output, "tower_id: ([0-9a-f]{66})").Groups[1].Value;
        Assert.NotEmpty(towerId);
        using var scratch = new Scratch();
        var backup = Path.Combine(scratch.Path, "copy");
        var restored = Path.Combine(scratch.Path, "restored");

        var backedUp = await CliRun.RunAsync("teosd.dll", "backup", backup, "--datadir", fixture.DataDir);

        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
        Assert.StartsWith($"teosd: backed up {fixture.DataDir} to {backup}: {Path.Combine("regtest", "teos_db.sql3")}, ca.pem, ca-key.pem", backedUp.Stdout, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(backup, "regtest", "teos_db.sql3")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(backup, "client-key.pem")));

        await fixture.Tower.TerminateAsync();
        var restore = await CliRun.RunAsync("teosd.dll", "restore", backup, "--datadir", restored);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        await using var again = await Teosd.StartAsync(restored, fixture.Simulator, LoopbackPort.Free());
        await again.WaitForLineAsync($"tower_id: {towerId}", TimeSpan.FromSeconds(5));
        var same = user.Via(again.Api);
        Assert.Equal("being_watched", (await same.GetAppointmentAsync(same.LocatorOf(channel.Dispute))).Str("status"));
    }

    [Fact]
    public async Task Restore_never_overwrites_a_tower_and_backup_points_postgresql_to_pg_dump()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var scratch = new Scratch();
        var backup = Path.Combine(scratch.Path, "copy");
        Assert.Equal(0, (await CliRun.RunAsync("teosd.dll", "backup", backup, "--datadir", fixture.DataDir)).ExitCode);
        await fixture.Tower.TerminateAsync();

        var overwrite = await CliRun.RunAsync("teosd.dll", "restore", backup, "--datadir", fixture.DataDir);
        var postgres = await CliRun.RunAsync("teosd.dll", "backup", backup + "-pg", "--datadir", fixture.DataDir, "--dbconnect", "Host=127.0.0.1;Database=teos");

        Assert.Equal(1, overwrite.ExitCode);
        Assert.Equal(
            $"teosd: {fixture.DataDir} already holds {Path.Combine(fixture.DataDir, "regtest", "teos_db.sql3")}: restore into a new --datadir, or move the old files away first (restore never overwrites)",
            overwrite.Stderr.Trim());
        Assert.Equal(1, postgres.ExitCode);
        Assert.Equal(
            "teosd: this tower's database is PostgreSQL (db_connect): back it up with pg_dump and restore it with pg_restore (README, Backup and restore)",
            postgres.Stderr.Trim());
    }

    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("teos-backup-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

using System.Runtime.Versioning;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>The data dir holds the tower key (in the database) and the admin keys: only teosd's user may read them.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FilePermissionTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Teosd_creates_the_data_dir_0700_and_keys_and_databases_0600()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var network = Path.Combine(fixture.DataDir, "regtest");

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(fixture.DataDir));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(network));
        foreach (var key in new[] { "ca-key.pem", "server-key.pem", "client-key.pem" })
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(fixture.DataDir, key)));
        foreach (var database in new[] { "teos_db.sql3", "teos_db.sql3-wal", "teos_db.sql3-shm" })
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(network, database)));
    }

    [Fact]
    public async Task Teosd_fixes_a_tower_key_readable_by_others_and_says_so()
    {
        await using var fixture = await TowerFixture.StartAsync();
        await fixture.Tower.TerminateAsync();
        var database = Path.Combine(fixture.DataDir, "regtest", "teos_db.sql3");
        var everyone = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(database, everyone);
        File.SetUnixFileMode(fixture.DataDir, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await fixture.RestartAsync();

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(fixture.DataDir));
        Assert.Equal(1, fixture.Tower.CountLines($@"warn: .*{database} was open to other users \(0644\): changed to 0600"));
        Assert.Equal(1, fixture.Tower.CountLines($@"warn: .*{fixture.DataDir} was open to other users \(0755\): changed to 0700"));
        Assert.Equal(1, fixture.Tower.CountLines($@"warn: .*{database} holds the tower key and was readable by other users; .* --overwritekey"));
    }
}

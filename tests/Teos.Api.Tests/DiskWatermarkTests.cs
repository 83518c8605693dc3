using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Teos.Api.Limits;
using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>The disk watermark: the smaller of min_free_disk_mib and min_free_disk_percent of the volume.</summary>
public sealed class DiskWatermarkTests
{
    private const long GiB = 1L << 30;
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(100 * GiB, 2 * GiB, false)] // 5 % is 5 GiB; 1 GiB is the smaller
    [InlineData(100 * GiB, GiB - 1, true)]
    [InlineData(10 * GiB, GiB / 2 + 1, false)] // 5 % is 512 MiB, smaller than 1 GiB
    [InlineData(10 * GiB, GiB / 2 - 1, true)]
    [InlineData(20L << 20, 1L << 20, false)] // a 20 MiB volume: 1 MiB free is exactly 5 %
    [InlineData(20L << 20, 900L << 10, true)]
    public void The_watermark_is_the_smaller_of_1_GiB_and_5_percent_of_the_volume(long total, long free, bool reached)
    {
        var watermark = new DiskWatermark("/data", GiB, 5, NullLogger.Instance, _time, _ => new DiskSpace(free, total));

        Assert.Equal(reached, watermark.IsReached);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1024, 0)]
    public void Either_setting_at_zero_turns_it_off(long minFreeMib, double minFreePercent)
    {
        var watermark = new DiskWatermark("/data", minFreeMib << 20, minFreePercent, NullLogger.Instance, _time, _ => new DiskSpace(0, GiB));

        Assert.False(watermark.IsReached);
    }

    [Fact]
    public void Free_space_is_measured_again_after_a_second()
    {
        var free = 0L;
        var watermark = new DiskWatermark("/data", GiB, 5, NullLogger.Instance, _time, _ => new DiskSpace(free, 100 * GiB));
        Assert.True(watermark.IsReached);

        free = 10 * GiB;
        Assert.True(watermark.IsReached);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(watermark.IsReached);
    }

    [Fact]
    public void It_measures_the_real_volume_of_a_directory()
    {
        var space = DiskSpace.Of(Path.GetTempPath());

        Assert.InRange(space.FreeBytes, 1, space.TotalBytes);
    }

    [Fact]
    public async Task Below_the_watermark_register_and_add_appointment_answer_503_while_reads_go_on()
    {
        // A watermark of the whole volume: always below it.
        await using var tower = await TowerUnderTest.StartAsync("min_free_disk_mib = 100000000", "min_free_disk_percent = 100");
        var user = TestUser.Random();
        var locator = TestUser.RandomLocator();

        var register = await tower.PostAsync("/register", user.RegisterBody());
        var add = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(locator, Bodies.OneSlotBlob));

        const string lowOnDisk = """{"error":"Service currently unavailable: the tower is low on disk space","error_code":32}""";
        Assert.Equal((503, lowOnDisk), (register.Status, register.Body));
        Assert.Equal((503, lowOnDisk), (add.Status, add.Body));
        // A python-teos registration reads python-teos' 503 shape (spec 9).
        var python = await tower.PostAsync("/register", $$"""{"public_key": "{{user.UserId}}"}""");
        Assert.Equal((503, """{"error":"Service currently unavailable: the tower is low on disk space"}"""), (python.Status, python.Body));
        // Reads still answer (this user is unknown: 401, not 503).
        Assert.Equal(401, (await tower.PostAsync("/get_appointment", user.GetAppointmentBody(locator))).Status);
        Assert.Equal(401, (await tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody())).Status);
    }
}

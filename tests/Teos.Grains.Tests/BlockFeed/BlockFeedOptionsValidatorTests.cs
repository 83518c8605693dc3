using Teos.Grains.BlockFeed;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

public sealed class BlockFeedOptionsValidatorTests
{
    private readonly BlockFeedOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid() => Assert.True(_validator.Validate(null, new BlockFeedOptions()).Succeeded);

    [Fact]
    public void Polling_down_to_100_ms_is_allowed() =>
        Assert.True(_validator.Validate(null, new BlockFeedOptions { PollingInterval = TimeSpan.FromMilliseconds(100) }).Succeeded);

    [Fact]
    public void Polling_faster_than_100_ms_is_refused_naming_the_option() =>
        Assert.Contains("polling_delta", _validator.Validate(null, new BlockFeedOptions { PollingInterval = TimeSpan.Zero }).FailureMessage ?? string.Empty, StringComparison.Ordinal);
}

using Teos.Grains.Tests.Builders;
using Xunit;

namespace Teos.Grains.Tests.Users;

public class SubscriptionTests
{
    [Theory]
    [InlineData(4_519u, false)]
    [InlineData(4_520u, true)]
    [InlineData(4_521u, true)]
    public void A_subscription_is_expired_from_its_expiry_height(uint height, bool expired) =>
        Assert.Equal(expired, Builders.Users.Subscription(expiry: 4_520).IsExpiredAt(height));

    [Theory]
    [InlineData(4_525u, false)]
    [InlineData(4_526u, true)]
    [InlineData(5_000u, true)]
    public void A_user_is_outdated_expiry_delta_blocks_after_expiry(uint height, bool outdated) =>
        Assert.Equal(outdated, Builders.Users.Subscription(expiry: 4_520).IsOutdatedAt(height, 6));

    [Fact]
    public void Outdating_is_computed_in_64_bits_so_a_saturated_expiry_never_wraps() =>
        Assert.False(Builders.Users.Subscription(expiry: uint.MaxValue).IsOutdatedAt(10, 6));
}

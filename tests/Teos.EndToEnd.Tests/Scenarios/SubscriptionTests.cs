using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>Registration receipts and the subscription's life, through a real teosd.</summary>
public class SubscriptionTests
{
    [Theory]
    [InlineData(ClientProfile.Rust)]
    [InlineData(ClientProfile.Python)]
    public async Task Registration_returns_a_receipt_signed_by_the_tower_id_it_logs(ClientProfile profile)
    {
        await using var fixture = await TowerFixture.StartAsync();
        var towerId = PublicKey.ParseHex(
            System.Text.RegularExpressions.Regex.Match(fixture.Tower.Output, "tower_id: ([0-9a-f]{66})").Groups[1].Value);
        var user = fixture.NewUser(profile);

        var response = await user.RegisterAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var height = (uint)await fixture.Simulator.HeightAsync();
        Assert.Equal(10_000u, response.UInt("available_slots"));
        Assert.Equal(height + 4_320, response.UInt("subscription_expiry"));
        var receipt = new RegistrationReceipt(user.Id, 10_000, height, height + 4_320);
        Assert.True(receipt.Verify(response.Str("subscription_signature"), towerId, profile));
    }

    [Fact]
    public async Task An_expired_subscription_is_refused_and_its_owner_deleted_after_the_grace_blocks()
    {
        await using var fixture = await TowerFixture.StartAsync("subscription_duration = 3", "expiry_delta = 2");
        var user = await fixture.RegisteredUserAsync();
        var expiry = (await user.GetSubscriptionInfoAsync()).UInt("subscription_expiry");
        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);

        await fixture.MineAsync(3);

        var refused = await user.AddAppointmentAsync(Channel.Revoked().Dispute, channel.Penalty);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(7, refused.Json.GetProperty("error_code").GetInt32());
        Assert.Equal($"Your subscription expired at {expiry}", refused.Str("error"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetSubscriptionInfoAsync()).Status);

        await fixture.MineAsync(2);

        var unknown = await user.GetSubscriptionInfoAsync();
        Assert.Equal("User not found. Have you registered?", unknown.Str("error"));
    }
}

using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>401/7 with each endpoint's own message when the signer is not a registered user (spec 3.4-3.6).</summary>
[Collection(DefaultTowerCollection.Name)]
public sealed class AuthenticationErrorTests(DefaultTower fixture)
{
    private TowerUnderTest Tower => fixture.Tower;

    [Fact]
    public async Task Add_appointment_from_an_unregistered_user_is_401_invalid_signature_or_slots()
    {
        var stranger = TestUser.Random();

        var answer = await Tower.PostAsync("/add_appointment", stranger.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));

        AssertDenied(answer, "Invalid signature or user does not have enough slots available");
    }

    [Fact]
    public async Task Get_appointment_from_an_unregistered_user_is_401_cannot_be_authenticated()
    {
        var stranger = TestUser.Random();

        var answer = await Tower.PostAsync("/get_appointment", stranger.GetAppointmentBody(TestUser.RandomLocator()));

        AssertDenied(answer, "User cannot be authenticated");
    }

    [Fact]
    public async Task Get_subscription_info_from_an_unregistered_user_is_401_user_not_found()
    {
        var answer = await Tower.PostAsync("/get_subscription_info", TestUser.Random().SubscriptionInfoBody());

        AssertDenied(answer, "User not found. Have you registered?");
    }

    [Fact]
    public async Task A_signature_that_does_not_recover_is_401()
    {
        var body = $$"""{"locator":"{{TestUser.RandomLocator()}}","signature":"{{Bodies.Unrecoverable}}"}""";

        AssertDenied(await Tower.PostAsync("/get_appointment", body), "User cannot be authenticated");
    }

    internal static void AssertDenied(ApiAnswer answer, string message)
    {
        Assert.Equal(401, answer.Status);
        Assert.Equal(7, answer.ErrorCode);
        Assert.Equal(message, answer.Error);
    }
}

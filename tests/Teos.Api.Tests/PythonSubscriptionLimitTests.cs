using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Spec 9's row for subscription problems: a known profile-P user reads HTTP 400 with code -8, which the python plugin checks.</summary>
public sealed class PythonSubscriptionLimitTests
{
    [Fact]
    public async Task An_expired_subscription_is_400_code_minus_8_on_every_signed_request()
    {
        await using var tower = await TowerUnderTest.StartAsync("subscription_duration = 1");
        var user = await RegisterAsync(tower);
        var expiry = await tower.HeightAsync() + 1;
        await tower.MineAsync(1);
        var expected = $"Your subscription expired at {expiry}";

        var add = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));
        var get = await tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator()));
        var info = await tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody());

        PythonProfileTests.AssertPythonError(add, -8, $"appointment rejected. {expected}");
        PythonProfileTests.AssertPythonError(get, -8, expected);
        PythonProfileTests.AssertPythonError(info, -8, expected);
    }

    [Fact]
    public async Task Not_enough_slots_is_400_code_minus_8()
    {
        await using var tower = await TowerUnderTest.StartAsync("subscription_slots = 1");
        var user = await RegisterAsync(tower);
        Assert.Equal(200, (await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob))).Status);

        var answer = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));

        PythonProfileTests.AssertPythonError(
            answer, -8, "appointment rejected. Invalid signature or user does not have enough slots available");
    }

    private static async Task<TestUser> RegisterAsync(TowerUnderTest tower)
    {
        var user = TestUser.Random();
        Assert.Equal(200, (await tower.PostAsync("/register", user.PythonRegisterBody())).Status);
        return user;
    }
}

using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Slots, expiry and the renewal overflow, each on a tower configured for it (spec 3.3, 3.4, 4.2).</summary>
public sealed class SubscriptionLimitTests
{
    [Fact]
    public async Task An_appointment_beyond_the_available_slots_is_401_not_enough_slots()
    {
        await using var tower = await TowerUnderTest.StartAsync("subscription_slots = 1");
        var user = await RegisterAsync(tower);
        Assert.Equal(200, (await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob))).Status);

        var answer = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));

        AuthenticationErrorTests.AssertDenied(answer, "Invalid signature or user does not have enough slots available");
    }

    [Fact]
    public async Task Every_signed_request_of_an_expired_user_is_401_naming_the_expiry()
    {
        await using var tower = await TowerUnderTest.StartAsync("subscription_duration = 1");
        var user = await RegisterAsync(tower);
        var expiry = await tower.HeightAsync() + 1;
        await tower.MineAsync(1);
        var expected = $"Your subscription expired at {expiry}";

        var add = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));
        var get = await tower.PostAsync("/get_appointment", user.GetAppointmentBody(TestUser.RandomLocator()));
        var info = await tower.PostAsync("/get_subscription_info", user.SubscriptionInfoBody());

        AuthenticationErrorTests.AssertDenied(add, expected);
        AuthenticationErrorTests.AssertDenied(get, expected);
        AuthenticationErrorTests.AssertDenied(info, expected);
    }

    [Fact]
    public async Task A_renewal_that_would_overflow_the_slot_counter_is_400_code_65()
    {
        await using var tower = await TowerUnderTest.StartAsync("subscription_slots = 3000000000");
        var user = await RegisterAsync(tower);

        var answer = await tower.PostAsync("/register", user.RegisterBody());

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"error":"Subscription maximum slots count reached","error_code":65}""", answer.Body);
    }

    [Fact]
    public async Task A_full_tower_refuses_new_appointments_with_503_code_32()
    {
        await using var tower = await TowerUnderTest.StartAsync("max_appointments = 1");
        var user = await RegisterAsync(tower);
        Assert.Equal(200, (await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob))).Status);

        // The cap reads a count that may be a few seconds old (AppointmentCount): wait until it sees the first one.
        ApiAnswer? answer = null;
        await TowerUnderTest.WaitUntilAsync(async () =>
        {
            answer = await tower.PostAsync("/add_appointment", user.AddAppointmentBody(TestUser.RandomLocator(), Bodies.OneSlotBlob));
            return answer.Status != 200;
        }, "the appointment cap");

        Assert.Equal(503, answer!.Status);
        Assert.Equal(32, answer.ErrorCode);
    }

    private static async Task<TestUser> RegisterAsync(TowerUnderTest tower)
    {
        var user = TestUser.Random();
        Assert.Equal(200, (await tower.PostAsync("/register", user.RegisterBody())).Status);
        return user;
    }
}

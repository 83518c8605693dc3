using Teos.Protocol.Appointments;

namespace Teos.Grains.Users;

/// <summary>get_subscription_info: the user's subscription and the locators of every appointment it owns.</summary>
[GenerateSerializer, Immutable, Alias("teos.subscription-info")]
public sealed record SubscriptionInfo(Subscription Subscription, IReadOnlyList<Locator> Locators);

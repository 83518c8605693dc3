using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>A registered user's subscription as requests see it (spec 4.2), with the profile chosen at registration (spec 9).</summary>
[GenerateSerializer, Immutable, Alias("teos.subscription")]
public sealed record Subscription(UserId UserId, uint AvailableSlots, uint Start, uint Expiry, ClientProfile Profile)
{
    /// <summary>Expired users cannot add or read, but their appointments are still watched.</summary>
    public bool IsExpiredAt(uint height) => height >= Expiry;
}

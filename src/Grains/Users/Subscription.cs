using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>A registered user's subscription (spec 4.2), with the client profile chosen at registration (spec 9).</summary>
public sealed record Subscription(UserId UserId, uint AvailableSlots, uint Start, uint Expiry, ClientProfile Profile)
{
    /// <summary>Expired users cannot add or read, but their appointments are still watched.</summary>
    public bool IsExpiredAt(uint height) => height >= Expiry;

    /// <summary>Outdated users are deleted with everything they own. 64-bit: expiry may have saturated at u32 max.</summary>
    public bool IsOutdatedAt(uint height, uint expiryDelta) => (ulong)height >= (ulong)Expiry + expiryDelta;
}

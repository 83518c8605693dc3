using Orleans.Runtime;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Storage.Tests.Builders;

/// <summary>Users with a fresh key each and readable subscription defaults.</summary>
public static class TestUsers
{
    public static UserId NewUserId() => new(SecretKey.Generate().PublicKey);

    public static UserState State(long allowance = 100, uint start = 200, uint expiry = 4520, ClientProfile profile = ClientProfile.Rust) =>
        new()
        {
            Profile = profile,
            SlotAllowance = allowance,
            SubscriptionStart = start,
            SubscriptionExpiry = expiry,
            DeletionHeight = expiry + 6L,
        };

    public static GrainId GrainOf(UserId user, TowerKey? tower = null) => GrainId.Create("user", (tower ?? TowerKey.Default).Scope(user.ToHex()));
}

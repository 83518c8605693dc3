using Teos.Grains.Users;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Storage.Tests.Builders;

/// <summary>Users with a fresh key each and readable subscription defaults.</summary>
public static class TestUsers
{
    public static UserId NewUserId() => new(SecretKey.Generate().PublicKey);

    public static Subscription Subscription(
        uint slots = 100, uint start = 200, uint expiry = 4520, ClientProfile profile = ClientProfile.Rust) =>
        new(NewUserId(), slots, start, expiry, profile);
}

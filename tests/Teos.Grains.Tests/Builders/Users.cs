using Teos.Grains.Users;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Tests.Builders;

/// <summary>Test users: a fresh key each, and subscriptions built from readable defaults.</summary>
public static class Users
{
    public static UserId NewUserId() => new(SecretKey.Generate().PublicKey);

    public static Subscription Subscription(
        uint slots = 100, uint start = 200, uint expiry = 4520, ClientProfile profile = ClientProfile.Rust) =>
        new(NewUserId(), slots, start, expiry, profile);
}

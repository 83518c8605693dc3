using Teos.Protocol.Users;

namespace Teos.Grains.Serialization;

/// <summary>Orleans' wire form of a <see cref="UserId"/>: its 33 compressed bytes, already validated when made.</summary>
[GenerateSerializer, Immutable, Alias("teos.user-id")]
public readonly struct UserIdSurrogate
{
    [Id(0)] public byte[] Bytes { get; init; }
}

[RegisterConverter]
public sealed class UserIdConverter : IConverter<UserId, UserIdSurrogate>
{
    public UserId ConvertFromSurrogate(in UserIdSurrogate surrogate) =>
        UserId.TryFromBytes(surrogate.Bytes, out var userId, out var error)
            ? userId
            : throw new InvalidOperationException($"Stored user id is not a public key: {error}");

    public UserIdSurrogate ConvertToSurrogate(in UserId value) => new() { Bytes = value.ToArray() };
}

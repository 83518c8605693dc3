using Teos.Protocol.Signing;

namespace Teos.Grains.Tower;

/// <summary>The tower's key: users pin its public key (the tower id) and verify every receipt against it.</summary>
public sealed class TowerIdentity(SecretKey secretKey)
{
    public SecretKey SecretKey { get; } = secretKey;

    public PublicKey TowerId => SecretKey.PublicKey;
}

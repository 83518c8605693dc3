namespace Teos.Grains.Users;

/// <summary>A registration's resulting subscription and the tower's signature of its receipt.</summary>
public sealed record SignedRegistration(Subscription Subscription, string Signature);

using Teos.Protocol.Appointments;

namespace Teos.Grains.Serialization;

/// <summary>Orleans' wire form of a <see cref="Locator"/> (Protocol references no Orleans type).</summary>
[GenerateSerializer, Immutable, Alias("teos.locator")]
public readonly struct LocatorSurrogate
{
    [Id(0)] public ulong High { get; init; }

    [Id(1)] public ulong Low { get; init; }
}

[RegisterConverter]
public sealed class LocatorConverter : IConverter<Locator, LocatorSurrogate>
{
    public Locator ConvertFromSurrogate(in LocatorSurrogate surrogate) => Locator.FromHalves(surrogate.High, surrogate.Low);

    public LocatorSurrogate ConvertToSurrogate(in Locator value) => new() { High = value.High, Low = value.Low };
}

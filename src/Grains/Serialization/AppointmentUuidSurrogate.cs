using Teos.Protocol.Appointments;

namespace Teos.Grains.Serialization;

/// <summary>Orleans' wire form of an <see cref="AppointmentUuid"/>.</summary>
[GenerateSerializer, Immutable, Alias("teos.uuid")]
public readonly struct AppointmentUuidSurrogate
{
    [Id(0)] public byte[] Bytes { get; init; }
}

[RegisterConverter]
public sealed class AppointmentUuidConverter : IConverter<AppointmentUuid, AppointmentUuidSurrogate>
{
    public AppointmentUuid ConvertFromSurrogate(in AppointmentUuidSurrogate surrogate) => AppointmentUuid.FromBytes(surrogate.Bytes);

    public AppointmentUuidSurrogate ConvertToSurrogate(in AppointmentUuid value) => new() { Bytes = value.ToArray() };
}

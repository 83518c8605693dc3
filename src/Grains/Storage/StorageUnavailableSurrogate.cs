namespace Teos.Grains.Storage;

/// <summary>
/// Orleans' wire form of a <see cref="StorageUnavailableException"/>: its one-line message. Without it the exception
/// (and its inner database exception, of a namespace Orleans does not serialize) could not travel from the grain that
/// met the outage to the silo answering the request, which then answered an unexpected error instead of 503.
/// </summary>
[GenerateSerializer, Immutable, Alias("teos.storage-unavailable")]
public readonly struct StorageUnavailableSurrogate
{
    [Id(0)] public string Message { get; init; }
}

[RegisterConverter]
public sealed class StorageUnavailableConverter : IConverter<StorageUnavailableException, StorageUnavailableSurrogate>
{
    public StorageUnavailableException ConvertFromSurrogate(in StorageUnavailableSurrogate surrogate) => new(surrogate.Message);

    public StorageUnavailableSurrogate ConvertToSurrogate(in StorageUnavailableException value) => new() { Message = value.Message };
}

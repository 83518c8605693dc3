using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Teos.Grains.Trackers;

namespace Teos.Storage.Tests.Backends;

/// <summary>Orleans' serializer with the grains' generated codecs, as a silo has it.</summary>
public static class TestSerialization
{
    public static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(TrackerState).Assembly))
        .BuildServiceProvider();

    public static IGrainStorageSerializer GrainStorageSerializer => new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>());
}

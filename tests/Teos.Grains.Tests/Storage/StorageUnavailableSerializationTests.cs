using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Teos.Grains.Storage;
using Teos.Grains.Tests.Cluster;
using Xunit;

namespace Teos.Grains.Tests.Storage;

/// <summary>
/// A storage fault met by a grain on one silo reaches the silo answering the request as itself (so that it answers
/// 503), even though the database's own exception inside it is of a type Orleans does not serialize.
/// </summary>
public sealed class StorageUnavailableSerializationTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public void A_storage_fault_crosses_silos_as_itself_with_its_message()
    {
        var serializer = tower.Silo(0).GetRequiredService<Serializer>();
        Exception fault = new StorageUnavailableException("storage unavailable: Failed to connect to 127.0.0.1:5432", new NpgsqlException("refused"));

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray(fault));

        var unavailable = Assert.IsType<StorageUnavailableException>(received);
        Assert.Equal(fault.Message, unavailable.Message);
        Assert.Null(unavailable.InnerException);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>Registers the bitcoind JSON-RPC client as the tower's <see cref="IBitcoinNode"/>.</summary>
public static class BitcoindServiceCollectionExtensions
{
    public static IServiceCollection AddBitcoind(this IServiceCollection services, Action<BitcoindOptions> configure)
    {
        services.AddOptions<BitcoindOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitcoindOptions>, BitcoindOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BitcoindRpcClient>();
        services.TryAddSingleton<IBitcoinNode>(provider => provider.GetRequiredService<BitcoindRpcClient>());
        return services;
    }
}

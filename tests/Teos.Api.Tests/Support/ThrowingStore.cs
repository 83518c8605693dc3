using System.Reflection;
using Teos.Grains.Store;

namespace Teos.Api.Tests.Support;

/// <summary>An <see cref="ITowerStore"/> whose every call fails: the outage or bug the API must never answer with a 500.</summary>
public class ThrowingStore : DispatchProxy
{
    private Func<Exception> _failure = () => new InvalidOperationException("store is broken");

    public static ITowerStore Create(Func<Exception> failure)
    {
        var store = Create<ITowerStore, ThrowingStore>();
        ((ThrowingStore)(object)store)._failure = failure;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw _failure();
}

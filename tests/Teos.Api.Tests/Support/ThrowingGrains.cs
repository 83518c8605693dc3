using System.Reflection;
using Orleans;

namespace Teos.Api.Tests.Support;

/// <summary>
/// An <see cref="IGrainFactory"/> whose every grain fails every call: the outage or bug behind the request handlers
/// that the API must never answer with a 500.
/// </summary>
public class ThrowingGrains : DispatchProxy
{
    private Func<Exception> _failure = () => new InvalidOperationException("grain is broken");

    public static IGrainFactory Create(Func<Exception> failure) => Proxy<IGrainFactory>(failure);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        // Getting a grain works (it is only a reference); calling it fails, as a grain whose storage is down does.
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true })
            return Create(targetMethod.GetGenericArguments()[0], _failure);
        throw _failure();
    }

    private static T Proxy<T>(Func<Exception> failure) => (T)Create(typeof(T), failure);

    private static object Create(Type grainInterface, Func<Exception> failure)
    {
        var proxy = Create(grainInterface, typeof(ThrowingGrains));
        ((ThrowingGrains)proxy)._failure = failure;
        return proxy;
    }
}

using FsCheck;

namespace Teos.Protocol.Tests.Support;

/// <summary>Runs an FsCheck property a fixed number of times inside an xunit fact, throwing on the first counterexample.</summary>
public static class PropertyRuns
{
    public static void Check(Property property, int runs) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(runs), property);
}

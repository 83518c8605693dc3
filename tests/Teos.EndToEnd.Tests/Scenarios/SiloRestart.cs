using Teos.EndToEnd.Tests.Harness;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>One silo of a <see cref="MultiSiloFixture"/> stopped gracefully and started again in its place.</summary>
/// <param name="Stopped">The process stopped, its log kept.</param>
/// <param name="Stopping">From SIGTERM to its exit.</param>
/// <param name="Starting">From then until the new silo was ready.</param>
public sealed record SiloRestart(Teosd Stopped, int ExitCode, TimeSpan Stopping, TimeSpan Starting, Teosd Started);

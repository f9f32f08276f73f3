using PublicCredit.Testing;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>
/// The shared <see cref="PostgresCluster"/> as this assembly's fixture: xUnit starts it once before the first test
/// (<see cref="IAsyncLifetime"/>) and stops it after the last. The cluster itself lives in PublicCredit.Testing so the
/// benchmarks start theirs the same way.
/// </summary>
public sealed class PostgresClusterFixture : PostgresCluster, IAsyncLifetime;

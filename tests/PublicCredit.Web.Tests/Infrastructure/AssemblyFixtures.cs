using PublicCredit.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

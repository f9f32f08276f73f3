using PublicCredit.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]

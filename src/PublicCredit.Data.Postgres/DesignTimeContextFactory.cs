using Microsoft.EntityFrameworkCore.Design;
using PublicCredit.Storage;

namespace PublicCredit.Data.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider; never used at run time.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PublicCreditDbContext>
{
    public PublicCreditDbContext CreateDbContext(string[] args) =>
        StorageServices.CreateContext(DatabaseTarget.Parse("Host=localhost;Database=pcredit_design"));
}

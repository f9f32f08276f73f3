using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Records;

namespace PublicCredit.Profiles;

/// <summary>The profile's read scope (<see cref="ReadScope"/>) for a record or a designation read by its id.</summary>
public sealed class SharingScope(CreditCatalog catalog) : IRecordReadScope, IDesignationReadScope
{
    public bool Sees(Caller caller, string purpose, RecordRow current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        return ReadScope.Of(caller, catalog, purpose, current.SubjectKind, now).Sees(current);
    }

    public bool Sees(Caller caller, string purpose, DesignationRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ReadScope.Of(caller, catalog, purpose, row.SubjectKind, now).Sees(row);
    }
}

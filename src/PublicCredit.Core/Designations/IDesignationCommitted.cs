namespace PublicCredit.Designations;

/// <summary>
/// Told of each designation transition after its transaction has committed (ADR 0010 §1): the one hook through which
/// in-process state derived from designations (the enforcement index) follows them. Called by
/// <see cref="DesignationTransitions"/> only; must not throw and must not touch the database.
/// </summary>
public interface IDesignationCommitted
{
    /// <param name="designation">The row as committed.</param>
    /// <param name="responsiblePersons">Normalised resident IDs of the persons the designation names.</param>
    /// <param name="position">The ledger position of the transition's event.</param>
    void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, long position);
}

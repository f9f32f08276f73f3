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

    /// <summary>
    /// The same, with the persons the designation names but no longer reaches — their own objection suspended their
    /// reach, or upheld it (docs/objections.md#responsible-persons): <paramref name="responsiblePersons"/> are the persons it reaches now. An observer
    /// that keeps per-person state (the enforcement index) drops the held ones; the others need not care.
    /// </summary>
    void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, IReadOnlyList<string> heldPersons, long position) =>
        Committed(designation, responsiblePersons, position);
}

using PublicCredit.Text;

namespace PublicCredit.Access;

/// <summary>
/// How a subject's self-service token came into being (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029). Only a token the subject obtained
/// itself speaks for the subject in due process: a statement filed with it counts toward an early decision.
/// </summary>
public enum SubjectTokenOrigin
{
    /// <summary><c>pcredit subjects token</c> on the server: the operator hands it to the subject in person.</summary>
    [Code("operator")]
    Operator,

    /// <summary>Redeemed by the subject with the one-time activation code printed in its designation notice.</summary>
    [Code("activation")]
    Activation,

    /// <summary>
    /// Issued, before activation codes (ADR 0029), with a designation notice, in the answer the designating department received: the
    /// department held it, so it no longer authenticates and never speaks for the subject.
    /// </summary>
    [Code("designation-notice")]
    DesignationNotice,
}

public static class SubjectTokenOrigins
{
    /// <summary>An unknown stored code reads as <see cref="SubjectTokenOrigin.DesignationNotice"/>: never trusted.</summary>
    public static SubjectTokenOrigin Parse(string? code) =>
        EnumCodes.TryParse<SubjectTokenOrigin>(code, out var origin) ? origin : SubjectTokenOrigin.DesignationNotice;

    /// <summary>True for a credential the subject obtained itself, never through a staff-facing answer.</summary>
    public static bool SubjectObtained(this SubjectTokenOrigin origin) =>
        origin is SubjectTokenOrigin.Operator or SubjectTokenOrigin.Activation;
}

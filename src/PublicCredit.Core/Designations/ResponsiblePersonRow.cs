using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>
/// Whom a designation of an organisation reaches besides the organisation (docs/domain.md#joint-measures). The roles are those
/// 法释〔2015〕17号 art. 3 ¶2 names for consumption restrictions on an organisation, and GF〔2016〕33 §(10) for
/// restrictions on the legal representative and directly responsible persons.
/// </summary>
public enum ResponsibleRole
{
    [Code("legal-representative")]
    LegalRepresentative,
    [Code("principal-person-in-charge")]
    PrincipalPersonInCharge,
    [Code("directly-responsible")]
    DirectlyResponsible,
    [Code("actual-controller")]
    ActualController,
}

public static class ResponsibleRoles
{
    public static IReadOnlyList<ResponsibleRole> All { get; } = Enum.GetValues<ResponsibleRole>();

    /// <summary>The role whose code is <paramref name="text"/>, trimmed, in any case.</summary>
    public static bool TryParse(string? text, out ResponsibleRole role) =>
        EnumCodes.TryParse(text?.Trim(), out role, ignoreCase: true);
}

/// <summary>
/// A person a designation of an organisation names (legal representative, directly responsible person…), whom the
/// measures marked <c>reachesResponsiblePersons</c> reach. The resident ID is personal information: stored in full for
/// checks on the person, shown masked to anyone but staff.
/// </summary>
public sealed class ResponsiblePersonRow
{
    public Guid Id { get; set; }

    public Guid DesignationId { get; set; }

    /// <summary>Normalised resident ID number (GB 11643).</summary>
    public required string ResidentId { get; set; }

    public required string Name { get; set; }

    public ResponsibleRole Role { get; set; }

    /// <summary>When the person's own objection suspended the designation's reach to them (docs/objections.md#responsible-persons); null while
    /// the reach is in force, and again once the objection is rejected.</summary>
    public DateTimeOffset? ReachSuspendedAt { get; set; }

    /// <summary>When the reach to this person ended for good — the person's objection was upheld — while the
    /// organisation's own entry stays as it is. Null while it lasts.</summary>
    public DateTimeOffset? ReachEndedAt { get; set; }

    /// <summary>Whether the designation reaches this person now (the measures marked <c>reachesResponsiblePersons</c>).</summary>
    public bool Reached => ReachSuspendedAt is null && ReachEndedAt is null;
}

internal sealed class ResponsiblePersonRowConfiguration : IEntityTypeConfiguration<ResponsiblePersonRow>
{
    public void Configure(EntityTypeBuilder<ResponsiblePersonRow> builder)
    {
        builder.ToTable("ResponsiblePersons");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ResidentId).HasMaxLength(18);
        builder.Property(p => p.Name).HasMaxLength(DesignationFields.MaxPersonName);
        builder.Property(p => p.Role).HasMaxLength(32).HasConversion(new ValueConverter<ResponsibleRole, string>(
            v => v.Code(), v => Parse(v)));
        builder.HasOne<DesignationRow>().WithMany().HasForeignKey(p => p.DesignationId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_responsible_persons_designation");
        builder.Ignore(p => p.Reached);
        builder.HasIndex(p => p.DesignationId);
        // A check on a person finds the designations that reach them (docs/api.md#designations).
        builder.HasIndex(p => p.ResidentId);
    }

    private static ResponsibleRole Parse(string text) =>
        ResponsibleRoles.TryParse(text, out var role) ? role : throw new InvalidOperationException($"Stored role '{text}' is unknown.");
}

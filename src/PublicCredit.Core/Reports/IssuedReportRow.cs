using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Text;

namespace PublicCredit.Reports;

/// <summary>
/// The digest of one credit report as issued (docs/web.md#credit-report; ADR 0015): what a reader of the printed report can compare
/// on <c>/verify/{code}</c> — the subject as the report showed it (public id, name, masked code: never an unmasked
/// resident ID), when it was made, which ledger position its data reflects, and the SHA-256 of the PDF bytes sent.
/// The PDF itself is not kept: the digest proves a copy is unaltered without storing what it said.
/// </summary>
public sealed class IssuedReportRow
{
    /// <summary>The verification code without separators (<see cref="ReportCodes.Canonical"/>).</summary>
    public required string Code { get; set; }

    /// <summary>The subject's public id: the USCC of an organisation, the opaque public id of an individual.</summary>
    public required string SubjectPublicId { get; set; }

    public SubjectKind SubjectKind { get; set; }

    public required string SubjectName { get; set; }

    /// <summary>The identifier as the report printed it (masked for individuals, docs/domain.md#identifiers).</summary>
    public required string SubjectCode { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>The ledger position the report's data reflects (like a check's dataVersion).</summary>
    public long DataVersion { get; set; }

    public int Records { get; set; }

    public int Designations { get; set; }

    /// <summary>The language the report was printed in (<c>zh-CN</c> or <c>en</c>).</summary>
    public required string Language { get; set; }

    /// <summary>SHA-256 of the PDF bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }
}

internal sealed class IssuedReportRowConfiguration : IEntityTypeConfiguration<IssuedReportRow>
{
    public void Configure(EntityTypeBuilder<IssuedReportRow> builder)
    {
        builder.ToTable("IssuedReports");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(ReportCodes.Length);
        builder.Property(r => r.SubjectPublicId).HasMaxLength(64);
        builder.Property(r => r.SubjectKind).HasMaxLength(16).HasConversion(new ValueConverter<SubjectKind, string>(
            v => v.Code(), v => ParseKind(v)));
        builder.Property(r => r.SubjectName).HasMaxLength(200);
        builder.Property(r => r.SubjectCode).HasMaxLength(64);
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.HasIndex(r => r.SubjectPublicId).HasDatabaseName("ix_issued_reports_subject");
    }

    private static SubjectKind ParseKind(string text) =>
        EnumCodes.TryParse<SubjectKind>(text, out var kind, ignoreCase: true) ? kind : throw new InvalidOperationException($"Stored subject kind '{text}' is unknown.");
}

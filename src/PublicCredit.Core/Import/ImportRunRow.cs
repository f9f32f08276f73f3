using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Import;

/// <summary>
/// The checkpoint of one import of one file (by content hash) for one department: where the committed rows end, so
/// that a run killed mid-way continues there. Rows re-read after a crash between a chunk's commit and its
/// checkpoint come out <c>unchanged</c>: idempotency covers what the checkpoint does not.
/// </summary>
public sealed class ImportRunRow
{
    public Guid Id { get; set; }

    public required string Department { get; set; }

    public required string FileSha256 { get; set; }

    public required string FileName { get; set; }

    public long FileSize { get; set; }

    public bool Completed { get; set; }

    /// <summary>Byte offset just after the last row whose chunk is committed.</summary>
    public long ResumeOffset { get; set; }

    /// <summary>The line the next row starts on.</summary>
    public long ResumeLine { get; set; }

    public long Created { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ImportRunRowConfiguration : IEntityTypeConfiguration<ImportRunRow>
{
    public void Configure(EntityTypeBuilder<ImportRunRow> builder)
    {
        builder.ToTable("ImportRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Department).HasMaxLength(64);
        builder.Property(r => r.FileSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.FileName).HasMaxLength(500);
        builder.HasIndex(r => new { r.Department, r.FileSha256 });
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Profiles;

namespace PublicCredit.Reports;

/// <summary>What a report prints about itself: its code, the address that checks it, when it was made, which data.</summary>
public sealed record ReportStamp(string Code, string VerifyPath, DateTimeOffset GeneratedAt, long DataVersion);

/// <summary>Lays out a public profile as a PDF; the web host implements it (SkiaSharp, ADR 0015).</summary>
public interface ICreditReportRenderer
{
    /// <summary>The language the renderer writes in, for the digest (<c>zh-CN</c> or <c>en</c>).</summary>
    string Language { get; }

    byte[] Render(PublicProfile profile, ReportStamp stamp);
}

/// <summary>An issued report: the PDF bytes and the code printed on it.</summary>
public sealed record IssuedReport(string Code, byte[] Pdf);

/// <summary>
/// A credit report (docs/api.md <c>/public/subjects/{subjectId}/report.pdf</c>; docs/web.md#credit-report): the public profile — read by
/// the same use case as <c>GET /api/v1/public/subjects/{id}</c>, so a report shows exactly what the public may see
/// (docs/design.md#7-privacy-by-default) — printed with a signed verification code, the time and the ledger position it reflects.
/// The digest (code, subject as shown, time, version, SHA-256 of the bytes) is stored with a <c>report-issued</c>
/// ledger event in one transaction before the PDF is handed out, so every report in circulation can be verified.
/// </summary>
public sealed class IssueCreditReport(
    PublicCreditDbContext db, ReadPublicProfile read, AppendToLedger ledger, ReportCodes codes, TimeProvider clock)
{
    public const string EventType = ReportIssued.EventType;

    public async Task<IssuedReport> RunAsync(string subjectId, ICreditReportRenderer renderer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        // Read the ledger position first: the profile read after it reflects at least that version.
        var dataVersion = await db.LedgerHead.AsNoTracking().Select(h => h.Position).SingleOrDefaultAsync(cancellationToken);
        var profile = await read.RunAsync(Caller.Public, subjectId, asOf: null, purpose: null, note: null, cancellationToken);

        var code = codes.NewCode();
        var stamp = new ReportStamp(ReportCodes.Display(code), "/verify/" + ReportCodes.Display(code),
            LedgerChain.Truncate(clock.GetUtcNow()), dataVersion);
        var pdf = renderer.Render(profile, stamp);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.IssuedReports.Add(new IssuedReportRow
        {
            Code = code,
            SubjectPublicId = profile.Subject.Id,
            SubjectKind = profile.Subject.Kind,
            SubjectName = profile.Subject.Name,
            SubjectCode = profile.Subject.Code,
            GeneratedAt = stamp.GeneratedAt,
            DataVersion = dataVersion,
            Records = profile.Records.Count,
            Designations = profile.Designations.Count,
            Language = renderer.Language,
            Sha256 = sha256,
        });
        // The payload names the subject by its public id (never a resident ID number, principle 7) and the digest.
        await ledger.AppendAsync(LedgerEntry.Of(new ReportIssued(code, profile.Subject.Id, dataVersion, sha256), Caller.Public.Actor, null, null),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedReport(code, pdf);
    }
}

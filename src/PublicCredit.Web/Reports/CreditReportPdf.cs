using System.Globalization;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Reports;
using PublicCredit.Profiles;
using PublicCredit.Text;
using PublicCredit.Web.Pages;
using SkiaSharp;

namespace PublicCredit.Web.Reports;

/// <summary>
/// The credit report as a PDF (docs/web.md#credit-report; ADR 0015), drawn with SkiaSharp's PDF backend and the embedded CJK font:
/// the subject, its public records by category and its effective list entries — exactly the public profile it is
/// given — then the generated time, the data version and the verification code with its address, which every page
/// repeats in its footer. Labels come from the resource files in the request's language.
/// </summary>
internal sealed class CreditReportPdf(IStringLocalizer<SharedResource> l, CreditCatalog catalog, CjkFont fonts, Uri site) : ICreditReportRenderer
{
    public string Language => Display.Language;

    public byte[] Render(PublicProfile profile, ReportStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(stamp);
        // Relative to the site, so a public URL with a path (a proxy's prefix) keeps it (ADR 0038).
        var verifyAddress = new Uri(site, stamp.VerifyPath.TrimStart('/')).ToString();
        using var qr = new QRCoder.QRCodeGenerator().CreateQrCode(verifyAddress, QRCoder.QRCodeGenerator.ECCLevel.M);
        var code = qr.ModuleMatrix;

        // First pass: lay out only, to learn which characters the report draws and how many pages it has; the second
        // draws "page N / M" with a face cut down to those characters (TrueTypeSubset), so the PDF embeds kilobytes of
        // font instead of megabytes.
        var total = 0;
        string Footer(int n) => string.Format(CultureInfo.CurrentCulture, l["Report.Footer"], stamp.Code, verifyAddress, n, total);
        List<string> texts;
        using (var layout = new PdfPageWriter(null, fonts.Whole, Footer))
        {
            Write(layout, profile, stamp, verifyAddress, code);
            texts = [.. layout.Texts, "0123456789 /"]; // the page total's digits, unknown while laying out
            total = layout.PageCount;
        }

        using var face = fonts.For(texts);
        using var output = new MemoryStream();
        using (var stream = new SKManagedWStream(output))
        {
            var metadata = new SKDocumentPdfMetadata
            {
                Title = l["Report.Title"] + " · " + profile.Subject.Name,
                Author = l["Site.Name"],
                Creator = "PublicCredit",
                Producer = "PublicCredit (SkiaSharp)",
                Creation = stamp.GeneratedAt.UtcDateTime,
                Modified = stamp.GeneratedAt.UtcDateTime,
            };
            using var document = SKDocument.CreatePdf(stream, metadata);
            using (var page = new PdfPageWriter(document, face, Footer))
            {
                Write(page, profile, stamp, verifyAddress, code);
            }

            document.Close();
        }

        return PdfLanguage.Mark(output.ToArray(), Language);
    }

    private void Write(PdfPageWriter page, PublicProfile profile, ReportStamp stamp, string verifyAddress, IReadOnlyList<System.Collections.BitArray> code)
    {
        page.Title(l["Report.Title"]);
        page.Muted(l["Site.Name"]);
        // The verification address as a QR code beside the title: a phone opens the verification page directly.
        page.CornerCode(code, 72f);
        page.Space(6f);

        page.Heading(l["Report.Subject"]);
        page.Field(l["Subject.Name"], profile.Subject.Name);
        page.Field(l["Subject.Kind"], l["Kind." + profile.Subject.Kind]);
        page.Field(profile.Subject.Kind == PublicCredit.Identifiers.SubjectKind.Organisation ? l["Subject.Uscc"] : l["Subject.IdMasked"], profile.Subject.Code);

        page.Heading(l["Report.About"]);
        page.Field(l["Report.GeneratedAt"], Display.Instant(stamp.GeneratedAt));
        page.Field(l["Report.DataVersion"], stamp.DataVersion.ToString(CultureInfo.InvariantCulture));
        page.Field(l["Report.Code"], stamp.Code);
        page.Field(l["Report.VerifyAt"], verifyAddress);
        page.Muted(l["Report.Scope"]);

        page.Heading(string.Format(CultureInfo.CurrentCulture, l["Profile.Designations"], profile.Designations.Count));
        if (profile.Designations.Count == 0)
        {
            page.Text(l["Profile.NoDesignations"]);
        }

        foreach (var entry in profile.Designations)
        {
            page.KeepTogether(80f);
            page.Subheading(entry.ListName.For(Display.Language) + " · " + l["ListKind." + entry.Kind]);
            page.Field(l["Designation.Department"], Display.Department(catalog, entry.Department));
            page.Field(l["Designation.Decision"], entry.DecisionDocument);
            page.Field(l["Designation.EffectiveFrom"], Display.Date(entry.EffectiveFrom));
            page.Field(l["Designation.ExpiresAt"], Display.Date(entry.ExpiresAt));
            page.Space(4f);
        }

        page.Heading(string.Format(CultureInfo.CurrentCulture, l["Profile.Records"], profile.Records.Count));
        if (profile.Records.Count == 0)
        {
            page.Text(l["Profile.NoRecords"]);
        }

        foreach (var category in Display.ByCategory(profile.Records))
        {
            page.KeepTogether(90f);
            page.Subheading(category.Key);
            foreach (var record in category)
            {
                page.KeepTogether(70f);
                page.Field(l["Record.DocumentNumber"], record.DocumentNumber);
                page.Field(l["Record.Department"], Display.Department(catalog, record.Department));
                page.Field(l["Record.DecisionDate"], Display.Date(record.DecisionDate));
                page.Field(l["Record.Severity"], record.Severity is { } grade ? l["Severity." + grade.Code()].Value : null);
                page.Field(l["Record.LegalBasis"], record.LegalBasis);
                page.Field(Display.RecordLabel(l, catalog, record.Category, "Facts"), record.Facts);
                page.Field(Display.RecordLabel(l, catalog, record.Category, "Content"), record.Content);
                page.Field(Display.RecordLabel(l, catalog, record.Category, "Amount"), record.Amount is { } amount ? Display.Amount(amount) : null);
                page.Field(l["Record.LegalRepresentative"], record.LegalRepresentative);
                page.Field(l["Record.PublicUntil"], record.PublicUntil is { } until ? Display.Date(until) : null);
                page.Space(5f);
            }
        }

        page.Space(8f);
        page.Rule();
        page.Muted(string.Format(CultureInfo.CurrentCulture, l["Report.HowToVerify"], verifyAddress));
    }
}

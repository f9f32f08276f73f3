using System.Globalization;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Profiles;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Web.Pages;

/// <summary>How pages and reports write values: dates and times in China time (the legal dates, docs/domain.md#deadlines-and-working-days), names in the request's language.</summary>
public static class Display
{
    /// <summary><c>en</c> when the request's UI culture is English, else <c>zh-CN</c> (the default).</summary>
    public static string Language => IsEnglish ? "en" : "zh-CN";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>
    /// The <c>lang</c> of data written in Chinese (subject names, record contents, decision documents, citations) on an
    /// English page, so a screen reader reads it with a Chinese voice; null on Chinese pages (the attribute is left out).
    /// </summary>
    public static string? ChineseData => IsEnglish ? "zh-CN" : null;

    /// <summary>
    /// The <c>lang</c> of a value that may or may not be Chinese (an operator's name or address from the settings):
    /// <c>zh-CN</c> on an English page when it holds Chinese characters, else null.
    /// </summary>
    public static string? DataLanguage(string? text) =>
        IsEnglish && text is not null && text.Any(c => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff') ? "zh-CN" : null;

    /// <summary>
    /// A resource sentence with data in it (<c>{0}</c>, <c>{1}</c>…), each value HTML-encoded and, when it is Chinese
    /// data on an English page, wrapped in <c>&lt;span lang="zh-CN"&gt;</c> — so the sentence stays English and the name,
    /// document or reasons in it are read with a Chinese voice.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Sentence(string format, params string?[] values)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(values);
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        var marked = values.Select(v => v is null ? string.Empty
            : DataLanguage(v) is { } lang ? $"<span lang=\"{lang}\">{encoder.Encode(v)}</span>" : encoder.Encode(v)).ToArray();
        var parts = System.Text.RegularExpressions.Regex.Split(format, @"(\{[0-9]+\})");
        var html = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length > 2 && part[0] == '{' && part[^1] == '}' && int.TryParse(part[1..^1], CultureInfo.InvariantCulture, out var index) && index < marked.Length)
            {
                html.Append(marked[index]);
            }
            else
            {
                html.Append(encoder.Encode(part));
            }
        }

        return new Microsoft.AspNetCore.Html.HtmlString(html.ToString());
    }

    /// <summary>A catalog period in words: <c>3 years</c> / <c>3年</c>, <c>6 months</c> / <c>6个月</c>.</summary>
    public static string Duration(IsoDuration duration)
    {
        var parts = new List<string>();
        if (duration.Years != 0)
        {
            parts.Add(IsEnglish ? Count(duration.Years, "year") : duration.Years.ToString(CultureInfo.InvariantCulture) + "年");
        }

        if (duration.Months != 0)
        {
            parts.Add(IsEnglish ? Count(duration.Months, "month") : duration.Months.ToString(CultureInfo.InvariantCulture) + "个月");
        }

        if (duration.Days != 0 || parts.Count == 0)
        {
            parts.Add(IsEnglish ? Count(duration.Days, "day") : duration.Days.ToString(CultureInfo.InvariantCulture) + "天");
        }

        return string.Join(IsEnglish ? " " : string.Empty, parts);
    }

    private static string Count(int n, string unit) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");

    /// <summary>A citation in the page's language: its English rendering where the catalog gives one, else as printed in Chinese.</summary>
    public static string Citation(LegalBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return IsEnglish && basis.En is { } en ? en : basis.ToString();
    }

    /// <summary>The <c>lang</c> of <see cref="Citation"/>: Chinese on an English page when the catalog gives no English.</summary>
    public static string? CitationLanguage(LegalBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return IsEnglish && basis.En is null ? "zh-CN" : null;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) => Date(ChinaTime.DateOf(instant));

    /// <summary>An instant as a reader in China reads it, saying so: <c>2026-11-23 09:00 (UTC+8)</c>.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)";

    public static string Department(CreditCatalog catalog, string code)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Departments.TryGet(code, out var department) ? department.Name.For(Language) : code;
    }

    /// <summary>Amounts are recorded in 万元 (docs/domain.md#record-fields).</summary>
    public static string Amount(decimal amount) =>
        IsEnglish
            ? amount.ToString("#,0.####", CultureInfo.InvariantCulture) + " × 10,000 CNY"
            : amount.ToString("#,0.####", CultureInfo.InvariantCulture) + " 万元";

    /// <summary>
    /// A record field's label as the record's kind reads it: a penalty states 违法事实 (the facts of the violation), a
    /// licence its matter, an honour its grounds — by the category's polarity in the catalog (Facts, Content, Amount).
    /// </summary>
    public static string RecordLabel(IStringLocalizer<SharedResource> l, CreditCatalog catalog, string category, string field)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(catalog);
        var polarity = catalog.Categories.TryGet(category, out var found) ? found.Polarity : Polarity.Neutral;
        return l[$"Record.{field}.{polarity.Code()}"];
    }

    /// <summary>A domain field error in the page's language: the resource <c>Error.{code}</c> when there is one, else the domain's message.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var text = l["Error." + error.Code];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>A refusal without field errors, as a form shows it: the resource text for its code, else the domain's message.</summary>
    public static string Refusal(IStringLocalizer<SharedResource> l, DomainException refusal)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(refusal);
        var text = l["Error." + refusal.Code];
        return text.ResourceNotFound ? refusal.Message : text.Value;
    }

    /// <summary>Records grouped under their category's name, categories in the order of their newest record.</summary>
    public static IEnumerable<IGrouping<string, PublicRecordView>> ByCategory(IEnumerable<PublicRecordView> records) =>
        records.GroupBy(r => r.CategoryName?.For(Language) ?? r.Category);
}

namespace PublicCredit.Web.Reports;

/// <summary>
/// The report font, looked up on first use: a host without a CJK font still serves the API and the pages, its
/// startup lines say that reports cannot be printed and why, and the report address answers 503 with that message.
/// </summary>
internal sealed class ReportFonts : IDisposable
{
    private readonly Lazy<(CjkFont? Font, string? Problem)> found = new(() =>
    {
        try
        {
            return (CjkFont.Find(), null);
        }
        catch (InvalidOperationException missing)
        {
            return (null, missing.Message);
        }
    });

    /// <summary>The font, or null with <see cref="Problem"/> saying what to install.</summary>
    public CjkFont? Font => found.Value.Font;

    public string? Problem => found.Value.Problem;

    public string Describe() => Font is { } font
        ? $"report font: {font.Regular.FamilyName} from {font.File}"
        : $"report font: none — credit reports are unavailable. {Problem}";

    public void Dispose()
    {
        if (found.IsValueCreated)
        {
            found.Value.Font?.Dispose();
        }
    }
}

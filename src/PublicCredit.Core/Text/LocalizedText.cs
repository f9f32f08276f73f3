namespace PublicCredit.Text;

/// <summary>A user-facing name in the product's two languages: zh-CN first, English second.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    public string For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Zh;

    public override string ToString() => Zh;
}

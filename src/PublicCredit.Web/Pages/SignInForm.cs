namespace PublicCredit.Web.Pages;

/// <summary>What the shared sign-in form shows: its texts (resource keys), the input's name, the error, where to go after.</summary>
public sealed record SignInForm(string TitleKey, string LeadKey, string LabelKey, string HintKey, string Field, string? Error, string ReturnUrl);

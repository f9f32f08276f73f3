using Microsoft.Extensions.Localization;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console;

/// <summary>Staff sign in with their department's API key (docs/api.md#web-pages: <c>/console</c>); the key is checked as the API checks it.</summary>
public sealed class SignInModel(WebSessions sessions, IStringLocalizer<SharedResource> l)
    : SignInPageModel(sessions, l, SessionArea.Console, "/console",
        new SignInForm("Console.SignInTitle", "Console.SignInLead", "Console.KeyLabel", "Console.KeyHint", "apiKey", null, "/console"));

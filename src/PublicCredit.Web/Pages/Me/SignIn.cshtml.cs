using Microsoft.Extensions.Localization;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.SelfService;

/// <summary>A subject signs in with its self-service token (API.md "Web pages": <c>/me</c>; `pcredit subjects token` or the designation notice).</summary>
public sealed class SignInModel(WebSessions sessions, IStringLocalizer<SharedResource> l)
    : SignInPageModel(sessions, l, SessionArea.Me, "/me",
        new SignInForm("Me.SignInTitle", "Me.SignInLead", "Me.TokenLabel", "Me.TokenHint", "token", null, "/me"));

using PublicCredit.Access;

namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>
/// Every page of docs/web.md as each user reaches it: the public pages, then the console as a recorder, a reviewer and
/// an auditor, then /me as the subject. One tour for every whole-site check (axe-core, html-validate, Lighthouse), so
/// a page added to it is checked by all of them.
/// </summary>
public static class Tour
{
    /// <summary>One page of the tour: a path, or (for <c>designation</c>) the first designation of the console's list.</summary>
    public sealed record Visit(string Name, string Path)
    {
        /// <summary>The status the page answers: an altered verification code is a 404 page, the rest are 200.</summary>
        public int Status => Name == "verify-tampered" ? 404 : 200;
    }

    /// <summary>Pages seen by one user: anonymous, or signed in at a sign-in page with a key or token.</summary>
    public sealed record Leg((string Path, string Secret)? SignIn, IReadOnlyList<Visit> Visits);

    public const int PageCount = 25;

    public static async Task<IReadOnlyList<Leg>> LegsAsync(PortalWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var auditor = await world.KeyAsync(Role.Auditor, "ndrc");
        return
        [
            new(null,
            [
                new("home", "/"),
                new("search", "/?q=" + Uri.EscapeDataString("示例")),
                new("search-person", "/?q=" + PortalWorld.Person),
                new("profile", "/public/subjects/" + PortalWorld.Organisation),
                new("profile-person", "/public/subjects/" + PortalWorld.Person),
                new("lists", "/lists"),
                new("list", "/lists/serious-untrustworthy-market"),
                new("list-defaulters", "/lists/judgment-defaulters?region=1101"),
                new("catalog", "/catalog"),
                new("privacy", "/privacy"),
                new("verify", "/verify"),
                new("verify-tampered", "/verify/AAAA-BBBB-CCCC-DDDD"),
                new("console-signin", "/console/signin"),
                new("me-signin", "/me/signin"),
            ]),
            new(("/console/signin", world.RecorderKey),
            [
                new("console-recorder", "/console"),
                new("record-new", "/console/records/new"),
                new("record-upload", "/console/records/upload"),
                new("designations", "/console/designations"),
                new("designation-new", "/console/designations/new"),
            ]),
            new(("/console/signin", world.ReviewerKey),
            [
                new("console-reviewer", "/console"),
                new("objections", "/console/objections"),
                new("restorations", "/console/restorations"),
                new("designation", "first designation of the list"),
            ]),
            new(("/console/signin", auditor), [new("stats", "/console/stats")]),
            new(("/me/signin", world.OrganisationToken), [new("me", "/me")]),
        ];
    }

    /// <summary>Signs in at the sign-in page with a key (console) or token (/me) in a fresh page of the context.</summary>
    public static async Task SignInAsync(IPage page, string path, string secret)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        await page.Locator("input[type=password]").FillAsync(secret);
        await page.Locator("main form.panel button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>
    /// Walks every leg in its own browser context (own cookies) at a width and in a language, calling
    /// <paramref name="atPage"/> with each page as loaded and the server's response to it. A failure saves a
    /// screenshot named <c>FAILED-{name}-{lang}-{width}</c>.
    /// </summary>
    public static async Task WalkAsync(
        Chromium chromium, PortalWorld world, string language, int width, string name, Func<IPage, Visit, IResponse, Task> atPage)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        ArgumentNullException.ThrowIfNull(atPage);
        foreach (var leg in await LegsAsync(world))
        {
            await using var context = await chromium.ContextAsync(world.BaseAddress, width, language);
            var page = await context.NewPageAsync();
            await Screenshots.OnFailureAsync(page, $"{name}-{(language == "en" ? "en" : "zh")}-{width}", async () =>
            {
                if (leg.SignIn is { } session)
                {
                    await SignInAsync(page, session.Path, session.Secret);
                }

                foreach (var visit in leg.Visits)
                {
                    IResponse? response;
                    if (visit.Path.StartsWith('/'))
                    {
                        response = await page.GotoAsync(visit.Path);
                    }
                    else
                    {
                        await page.GotoAsync("/console/designations");
                        var href = await page.Locator("main table a").First.GetAttributeAsync("href");
                        response = await page.GotoAsync(href!);
                    }

                    Assert.True(response is not null, $"{visit.Name} ({page.Url}) gave no response");
                    Assert.True(response.Status == visit.Status, $"{visit.Name} ({page.Url}) answered {response.Status}");
                    await atPage(page, visit, response);
                }
            });
        }
    }
}

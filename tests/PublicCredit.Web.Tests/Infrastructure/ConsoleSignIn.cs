using System.Net;
using System.Text.RegularExpressions;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>A staff console session over plain HTTP: signs in with an API key the way the sign-in form does and keeps the cookie.</summary>
public static partial class ConsoleSignIn
{
    public static async Task<HttpClient> SignInAsync(RunningServer server, string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
        var html = await client.GetStringAsync(new Uri("/console/signin", UriKind.Relative), cancellationToken);
        var token = AntiforgeryToken(html);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = apiKey, ["__af"] = token, ["returnUrl"] = "/console" });
        using var signedIn = await client.PostAsync(new Uri("/console/signin", UriKind.Relative), form, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

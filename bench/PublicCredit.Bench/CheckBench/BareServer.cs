using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PublicCredit.Bench.CheckBench;

/// <summary>
/// <c>bare-server</c>: the baseline of the HTTP check benchmark — Kestrel with one minimal-API endpoint that reads the
/// same JSON body and answers a JSON body of the size the real check answers on average; no authentication, no
/// index, no inquiry log. What any ASP.NET Core JSON endpoint costs on this machine.
/// </summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(string url, int bodyBytes)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        // The answer's fixed members take about 120 bytes; padding brings it to the check's average size.
        var padding = new string('x', Math.Max(0, bodyBytes - 120));
        app.MapPost("/bare", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var subject = body.RootElement.GetProperty("subject").GetString();
            return Results.Ok(new { checkId = Guid.NewGuid(), outcome = "clear", subject, measures = Array.Empty<object>(), padding, dataVersion = 1 });
        });
        await app.StartAsync();
        Console.Out.WriteLine($"bare server listening on {url}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}

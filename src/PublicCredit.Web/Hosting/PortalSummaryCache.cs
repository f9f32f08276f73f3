using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Profiles;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The home page's counts, read at most once a minute per node (ADR 0047): they are a handful of COUNTs over the public
/// rule, cheap but not free, and the home page is the page everyone opens. A minute-old count is said as such on the page
/// (its "as of" time).
/// </summary>
public sealed class PortalSummaryCache(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private PortalSummary? cached;

    public async Task<PortalSummary> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(cached) is { } hit)
        {
            return hit;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(cached) is { } again)
            {
                return again;
            }

            using var scope = scopes.CreateScope();
            cached = await scope.ServiceProvider.GetRequiredService<ReadPortalSummary>().RunAsync(cancellationToken);
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private PortalSummary? Fresh(PortalSummary? summary)
    {
        if (summary is null)
        {
            return null;
        }

        var age = clock.GetUtcNow() - summary.AsOf;
        return age >= TimeSpan.Zero && age < MaxAge ? summary : null;
    }
}

using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Subscriptions;

namespace PublicCredit.Web.Hosting;

/// <summary>Webhook subscriptions' services (ADR 0052): the use cases, the target policy and the secrets' sealing.</summary>
internal static class SubscriptionServices
{
    public static void AddSubscriptions(this IServiceCollection services, HostSettings settings)
    {
        services.AddSingleton(settings.Webhooks);
        services.AddSingleton<ISubscriptionSecrets, DataProtectedSubscriptionSecrets>();
        services.AddScoped<RegisterSubscription>();
        services.AddScoped<ReadSubscriptions>();
        services.AddScoped<DeleteSubscription>();
        services.AddScoped<SetWatchlist>();
    }
}

/// <summary>
/// Seals signing secrets with ASP.NET Core data protection (AES-256-CBC + HMAC-SHA256 under the key ring in the keys
/// folder, outside the database): a copy of the database alone does not give the secrets (ADR 0052 §2).
/// </summary>
internal sealed class DataProtectedSubscriptionSecrets(IDataProtectionProvider provider) : ISubscriptionSecrets
{
    private readonly IDataProtector protector = provider.CreateProtector("pcredit.webhook-secrets.v1");

    public string Protect(byte[] secret) => protector.Protect(Convert.ToBase64String(secret));

    public byte[] Unprotect(string protectedSecret) => Convert.FromBase64String(protector.Unprotect(protectedSecret));
}

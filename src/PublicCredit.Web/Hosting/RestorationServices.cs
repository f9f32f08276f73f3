using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Deadlines;
using PublicCredit.Removals;
using PublicCredit.Restorations;
using PublicCredit.Profiles;

namespace PublicCredit.Web.Hosting;

/// <summary>Restorations, automatic removal, the subject's data copy and the deadline monitor (ADR 0014), wired in one call.</summary>
internal static class RestorationServices
{
    public static IServiceCollection AddRestorations(this IServiceCollection services, HostSettings settings)
    {
        services.AddScoped<SubmitRestoration>();
        services.AddScoped<AcceptRestoration>();
        services.AddScoped<DecideRestoration>();
        services.AddScoped<ReadRestoration>();
        services.AddScoped<RecordPerformance>();
        services.AddScoped<RemoveDueDesignations>();
        services.AddScoped<ExportSubjectData>();

        // One source per kind of deadline (ADR 0014 §6); objections add theirs here.
        services.AddScoped<IDeadlineSource, RestorationDeadlines>();
        services.AddScoped<IDeadlineSource, RemovalDeadlines>();
        services.AddScoped<IDeadlineSource, PublicityDeadlines>();
        services.AddScoped<IDeadlineSource, ObjectionDeadlines>();
        services.AddScoped<IDeadlineSource, ConflictReviewDeadlines>();
        services.AddScoped<ListDeadlines>();
        services.AddSingleton(sp => new DeadlineMonitor(
            sp.GetRequiredService<IServiceScopeFactory>(), settings.Clock, DeadlineMonitor.DefaultInterval,
            sp.GetRequiredService<ILogger<DeadlineMonitor>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineMonitor>());
        return services;
    }
}

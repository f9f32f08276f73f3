using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PublicCredit.Access;

namespace PublicCredit.Web.Security;

/// <summary>
/// The one mechanism for role checks on endpoints: <c>.RequireRoles(Role.Recorder)</c> on a route, enforced by the
/// same <see cref="Caller.RequireRole"/> that use cases call for department scope.
/// </summary>
internal static class AccessRules
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        // Enforced by UseEndpointRoles from this metadata, before the endpoint binds anything: an endpoint filter would
        // send every request down the boxed, filtered invocation path (ADR 0016) and run after parameter binding.
        builder.WithMetadata(new RequiredRolesMetadata(roles) { EnforcedBeforeEndpoint = roles });
        return builder;
    }

    /// <summary>
    /// Refuses a request whose endpoint requires roles the caller lacks (401 without a credential, 403 with another
    /// role), through the same <see cref="Caller.RequireRole"/> the use cases call; runs after authentication, before
    /// the endpoint. Routes marked <see cref="AllowPublic"/> or <see cref="AllowSubjectToken"/> name no role.
    /// </summary>
    public static IApplicationBuilder UseEndpointRoles(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredRolesMetadata>() is { EnforcedBeforeEndpoint: { Length: > 0 } roles })
        {
            BearerAuthentication.CallerOf(context).RequireRole(roles);
        }

        return next(context);
    });

    /// <summary>Marks a public endpoint explicitly, so a route without either marker is visible in review.</summary>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredRolesMetadata([]));
        return builder;
    }

    /// <summary>Marks an endpoint that a subject's self-service token may call (its handler checks the subject).</summary>
    public static TBuilder AllowSubjectToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredRolesMetadata([]) { SubjectTokens = true });
        return builder;
    }

    public static Caller Caller(this HttpContext context) => BearerAuthentication.CallerOf(context);
}

/// <summary>Which roles an endpoint admits (empty = public); read by tests that check every route is marked.</summary>
internal sealed record RequiredRolesMetadata(IReadOnlyList<Role> Roles)
{
    public bool SubjectTokens { get; init; }

    /// <summary>The roles <see cref="AccessRules.UseEndpointRoles"/> requires of the bearer before the endpoint runs (API
    /// routes); null on pages, whose session filter enforces <see cref="Roles"/> with a sign-in redirect instead.</summary>
    public Role[]? EnforcedBeforeEndpoint { get; init; }
}

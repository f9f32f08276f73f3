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
        builder.AddEndpointFilter(async (context, next) =>
        {
            BearerAuthentication.CallerOf(context.HttpContext).RequireRole(roles);
            return await next(context);
        });
        builder.WithMetadata(new RequiredRolesMetadata(roles));
        return builder;
    }

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
}

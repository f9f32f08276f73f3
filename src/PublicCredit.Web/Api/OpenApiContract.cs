using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PublicCredit.Text;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// The conventions of the OpenAPI document at <c>/openapi/v1.json</c> (ADR 0048), one transformer per concern so that
/// endpoints declare only what is theirs (roles, a body type, a required query parameter):
/// security from the route's <see cref="RequiredRolesMetadata"/>; every problem answer the <c>Problem</c> component with
/// <c>code</c> (<c>ValidationProblem</c> with <c>errors[]</c> for 422); request bodies from <see cref="JsonBodyMetadata"/>;
/// <c>Location</c> on 201 and <c>Retry-After</c> on 429 and 503; <c>required</c> exactly for the members a response always
/// carries (the host omits null members); the site's public address as the server.
/// </summary>
internal static class OpenApiContract
{
    public const string BearerScheme = "bearer";
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string FieldErrorSchema = "FieldError";

    /// <summary>The capabilities as tags, in the order of docs/api.md.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("catalog", "The loaded catalog: categories, departments, matters, list types, measures (docs/catalog.md)."),
        ("records", "Records of administrative decisions: submission, batch, corrections, reading (docs/records.md)."),
        ("subjects", "A subject's profile, its inquiries and its data copy, as staff and the subject see them (docs/subjects.md)."),
        ("public", "What anybody may see: subject search, public profiles, the double-publicity query, red and black lists."),
        ("designations", "Red and black list designations with due process (docs/designations.md)."),
        ("checks", "The embedded check approval systems call, and their feedback (docs/checks.md)."),
        ("objections", "Objections against records and designations (docs/objections.md)."),
        ("restorations", "Credit restoration, performance for removal, the deadline monitor (docs/restorations.md)."),
        ("changes", "The changes feed for downstream re-screening (docs/changes.md)."),
        ("credentials", "API keys, subject sessions and self-service tokens (docs/credentials.md)."),
        ("ledger", "The hash-chained ledger and its verification (docs/ledger.md)."),
        ("statistics", "Implementation and publicity statistics (docs/statistics.md)."),
        ("reports", "Credit reports as signed PDFs (docs/web.md)."),
    ];

    public static IServiceCollection AddPublicCreditOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddSchemaTransformer(RequiredMeansAlwaysPresent);
            o.AddOperationTransformer(RequestBodyAsync);
            o.AddOperationTransformer(Security);
            o.AddOperationTransformer(RequiredQuery);
            o.AddOperationTransformer(Responses);
            o.AddDocumentTransformer(DocumentAsync);
        });

    /// <summary>
    /// A member is required when the host always writes it: value types and non-nullable references. Nullable ones are
    /// left out of the JSON when null (<c>WhenWritingNull</c>), so they are optional, never required-and-null.
    /// </summary>
    private static Task RequiredMeansAlwaysPresent(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Numbers are written as numbers: the "or a string" that reading from strings would add is not what anyone gets.
        if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties
            || typeof(ProblemDetails).IsAssignableFrom(info.Type))
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (!properties.ContainsKey(property.Name))
            {
                continue;
            }

            var nullable = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : property.IsGetNullable || property.IsSetNullable && property.Get is null;
            if (!nullable && property.ShouldSerialize is null)
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    private static async Task RequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (Metadata<JsonBodyMetadata>(context) is not { } body)
        {
            return;
        }

        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        if (!body.Type.IsGenericType && context.Document is { } document)
        {
            // A named component, so that clients generate one type per body.
            document.AddComponent(body.Type.Name, schema);
            schema = new OpenApiSchemaReference(body.Type.Name, document);
        }

        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.Optional,
            Description = body.Description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new OpenApiMediaType
                {
                    Schema = schema,
                    Example = JsonSerializer.SerializeToNode(body.Example, body.Example.GetType(), json),
                },
            },
        };
    }

    /// <summary>
    /// Staff keys and self-service tokens are bearer credentials; a public route carries an empty requirement (anybody)
    /// beside the bearer one (a staff key may still be sent, e.g. for <c>asOf</c>).
    /// </summary>
    private static Task Security(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var roles = Metadata<RequiredRolesMetadata>(context);
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        var isPublic = roles is { Roles.Count: 0, SubjectTokens: false };
        operation.Security = isPublic ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
        var who = roles switch
        {
            null => null,
            { Roles.Count: 0, SubjectTokens: false } => "Anyone; no credential needed.",
            { Roles.Count: 0 } => "A staff API key (the use case checks role and department) or the subject's own self-service token.",
            { SubjectTokens: true } => $"An API key with the role {string.Join(" or ", roles.Roles.Select(r => r.Code()))}, or the subject's own self-service token.",
            _ => $"An API key with the role {string.Join(" or ", roles.Roles.Select(r => r.Code()))}.",
        };
        if (who is not null)
        {
            operation.Description = string.IsNullOrEmpty(operation.Description) ? "Who: " + who : operation.Description + "\n\nWho: " + who;
        }

        return Task.CompletedTask;
    }

    private static Task RequiredQuery(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (Metadata<RequiredQueryMetadata>(context) is not { } required || operation.Parameters is null)
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name && required.Names.Contains(name))
            {
                parameter.Required = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Every answer that is not a success is a coded problem (docs/api.md#errors); a body the route reads can also be
    /// refused as too large (413) or not JSON (415); a busy database is 503 on every route.
    /// </summary>
    private static Task Responses(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var responses = operation.Responses;
        if (operation.RequestBody is not null)
        {
            responses.TryAdd("413", new OpenApiResponse());
            responses.TryAdd("415", new OpenApiResponse());
        }

        responses.TryAdd("503", new OpenApiResponse());
        foreach (var (status, answer) in responses.ToList())
        {
            if (answer is not OpenApiResponse response)
            {
                continue;
            }

            var code = int.Parse(status, CultureInfo.InvariantCulture);
            if (code >= 400)
            {
                response.Description = ProblemDescription(code);
                response.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchemaReference(code == StatusCodes.Status422UnprocessableEntity ? ValidationProblem : Problem, context.Document),
                    },
                };
            }

            if (code is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    },
                };
            }

            if (code == StatusCodes.Status201Created)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Location"] = new OpenApiHeader
                    {
                        Description = "The path of what was created.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                    },
                };
            }
        }

        return Task.CompletedTask;
    }

    private static string ProblemDescription(int status) => status switch
    {
        400 => "The body is not valid JSON, or the request is malformed (body-invalid-json, bad-request).",
        401 => "No credential, or an unknown, expired or revoked one.",
        403 => "The credential lacks the role or the department scope (role-forbidden, department-scope, …).",
        404 => "Unknown, or not visible to the caller.",
        409 => "The current state does not allow this step now.",
        413 => "The body is larger than the route accepts (body-too-large).",
        415 => "The body is not JSON (unsupported-media-type).",
        422 => "Invalid content: errors[] names each field and its code.",
        429 => "Rate limited; retry after Retry-After.",
        503 => "The database is saturated (database-busy) or a dependency is unavailable; retry after Retry-After.",
        _ => "A coded problem.",
    };

    private static Task DocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The document's server is the site's own address (ADR 0038), not the request's Host the library would copy.
        var site = context.ApplicationServices.GetRequiredService<PublicHosts>().Site;
        document.Servers = [new OpenApiServer { Url = site.ToString().TrimEnd('/'), Description = "This server's public address." }];
        document.Info.Title = "PublicCredit";
        document.Info.Contact = new OpenApiContact { Name = "The platform's operator (docs/api.md)" };
        document.Info.Description =
            "The public credit information platform's HTTP contract. Errors are application/problem+json with a stable `code` " +
            "(and `errors[]` for invalid content); JSON in camelCase; members whose value is null are left out.";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key `pck_…` (staff systems) or a subject's self-service token `pcs_…`.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;
        schemas.Remove("ProblemDetails");
        schemas.Remove("HttpValidationProblemDetails");
        schemas[FieldErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One refused field: its path in the body or query, a stable code and a message.",
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["field"] = Text("The field's path, e.g. subject.id or responsiblePersons[0].name; empty for the whole body."),
                ["code"] = Text("A stable kebab-case code (docs/api.md#error-codes)."),
                ["message"] = Text("What is wrong, for people."),
            },
            Required = new HashSet<string>(StringComparer.Ordinal) { "field", "code", "message" },
        };
        schemas[Problem] = ProblemSchema(document, withErrors: false);
        schemas[ValidationProblem] = ProblemSchema(document, withErrors: true);

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemSchema(OpenApiDocument document, bool withErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI reference naming the problem type."),
            ["title"] = Text("A short summary of the problem type."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
            ["detail"] = Text("What went wrong in this request."),
            ["instance"] = Text("The request the problem occurred in."),
            ["code"] = Text("A stable kebab-case code (docs/api.md#error-codes)."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Each refused field (invalid content, 422; some 409s name the field too).",
                Items = new OpenApiSchemaReference(FieldErrorSchema, document),
            },
        };
        var required = new HashSet<string>(StringComparer.Ordinal) { "status", "code" };
        if (withErrors)
        {
            required.Add("errors");
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors
                ? "A problem whose content was refused: the code of the first error and errors[] with every field (RFC 9457)."
                : "A coded problem (RFC 9457): `code` is stable; further members (e.g. recordId) may follow.",
            Properties = properties,
            Required = required,
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static T? Metadata<T>(OpenApiOperationTransformerContext context)
        where T : class =>
        context.Description.ActionDescriptor.EndpointMetadata.OfType<T>().LastOrDefault();

    /// <summary>Declares the JSON body a route reads itself (it reads raw JSON to refuse field by field), with an example.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, T example, string? description = null, bool optional = false)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new JsonBodyMetadata(typeof(T), example, description, optional));
    }

    /// <summary>Query parameters the route refuses to do without (422), typed <c>string?</c> so the refusal is coded.</summary>
    public static RouteHandlerBuilder RequiresQuery(this RouteHandlerBuilder builder, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RequiredQueryMetadata(names));
    }
}

/// <summary>The JSON body a route reads (for the document only: the route reads raw JSON itself).</summary>
internal sealed record JsonBodyMetadata(Type Type, object Example, string? Description, bool Optional);

/// <summary>Query parameters the route requires (for the document only: the use case refuses their absence).</summary>
internal sealed record RequiredQueryMetadata(IReadOnlyList<string> Names);

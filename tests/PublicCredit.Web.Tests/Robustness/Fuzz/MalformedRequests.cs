using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>One route of the running server and a method it answers, as the endpoint data source lists it.</summary>
internal sealed record FuzzRoute(string Method, RoutePattern Pattern, RequiredRolesMetadata? Access)
{
    public string Text => Pattern.RawText is { } raw && raw.StartsWith('/') ? raw : "/" + Pattern.RawText;

    public bool IsApi => Text.StartsWith("/api/", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Text}";

    /// <summary>Every route endpoint with each method it declares (pages, which declare none, with GET and POST).</summary>
    public static IReadOnlyList<FuzzRoute> All(EndpointDataSource source) =>
    [
        .. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => new FuzzRoute(m, e.RoutePattern, e.Metadata.GetMetadata<RequiredRolesMetadata>())))
            .DistinctBy(r => r.ToString())
            .OrderBy(r => r.ToString(), StringComparer.Ordinal),
    ];
}

/// <summary>A request the fuzz sends: everything needed to send it again.</summary>
internal sealed record FuzzRequest(long Index, FuzzRoute Route, string Method, string Target, FuzzCredential Credential,
    string? ContentType, byte[]? Body, string? AcceptLanguage)
{
    /// <summary>
    /// What Kestrel itself refuses with a bare 400 before any middleware runs: a header value with bytes outside printable
    /// ASCII (a made-up credential, a strange language), or an encoded NUL in the path.
    /// </summary>
    public bool RefusedByKestrel =>
        new[] { Credential.Bearer, AcceptLanguage }.Any(v => v is not null && v.Any(c => c is < ' ' or > '~'))
        || Target.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    public string Describe()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        var target = Target.Length > 300 ? Target[..300] + "…" : Target;
        return $"#{Index} {Method} {target} as {Credential.Name} [{ContentType}] ({Body?.Length ?? 0} B) {body}";
    }
}

/// <summary>
/// Makes request number <c>i</c> of a run from the seed and <c>i</c> alone, so any request of a failing run can be made
/// again without the ones before it: a route (uniformly over every route and method), its parameters (real ids or
/// malformed ones), a query string, a credential that the route admits most of the time, and a body that is broken in
/// one of many ways.
/// </summary>
internal sealed class MalformedRequests(long seed, IReadOnlyList<FuzzRoute> routes, FuzzWorld world)
{
    private static readonly string[] QueryNames =
        ["asOf", "from", "to", "limit", "after", "cursor", "page", "q", "purpose", "status", "code", "id", "subject", "refresh", "returnUrl", "culture", "handler"];

    private static readonly string[] Handlers = ["", "x", "Create", "Object", "Resolve", "Restore", "Revoke", "Rotate", "Statement", "Step", "Activate", "Export", "Rejections"];

    private static readonly string[] OtherMethods = ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "GET", "POST"];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", "application/xml", "////", "application/json, text/plain", "application/problem+json",
        "application/vnd.api+json", "",
    ];

    private static readonly string[] Languages = ["zh-CN", "en", "zz-ZZ", "*", "en;q=abc", "x-klingon,de;q=0.5", "\u00e9", new string('a', 3000)];

    public FuzzRequest Make(long index)
    {
        var random = new Random(Mix(seed, index));
        var route = routes[random.Next(routes.Count)];
        var method = random.Next(40) == 0 ? OtherMethods[random.Next(OtherMethods.Length)] : route.Method;
        var credential = Credential(route, random);
        var target = Sendable(Path(route, random) + Query(random));
        var language = random.Next(10) == 0 ? Languages[random.Next(Languages.Length)] : null;
        var (contentType, body) = method is "GET" or "HEAD" or "OPTIONS"
            ? (method == "GET" && random.Next(30) == 0 ? "application/json" : null, method == "GET" && random.Next(30) == 0 ? Encoding.UTF8.GetBytes("{\"asOf\":\"0001-01-01\"}") : null)
            : route.IsApi ? JsonBody(route, random) : FormBody(route, credential, random);
        return new FuzzRequest(index, route, method, target, credential, contentType, body, language);
    }

    /// <summary>
    /// The target as it goes on the wire: characters a URI escapes are escaped here (UTF-8, a lone surrogate as U+FFFD),
    /// and it is cut at 60,000 characters — under Kestrel's own request-line limit (64 KiB, ADR 0036), above which Kestrel
    /// answers a bare 414 before the app runs; up to it, the app's coded 414 is what is tested.
    /// </summary>
    private static string Sendable(string target)
    {
        var text = new StringBuilder(target.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F && "\"<>\\^`{|}".IndexOf((char)rune.Value, StringComparison.Ordinal) < 0)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"%{bytes[i]:X2}");
            }
        }

        return text.Length > 60_000 ? text.ToString(0, 60_000) : text.ToString();
    }

    /// <summary>SplitMix64 of seed and index: independent, repeatable streams per request.</summary>
    private static int Mix(long seed, long index)
    {
        var z = unchecked((ulong)seed + ((ulong)index * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }

    private FuzzCredential Credential(FuzzRoute route, Random random)
    {
        if (!route.IsApi)
        {
            return random.Next(10) switch
            {
                < 4 when world.ConsoleSessions.Count > 0 => world.ConsoleSessions[random.Next(world.ConsoleSessions.Count)],
                < 6 when world.MeSessions.Count > 0 => world.MeSessions[random.Next(world.MeSessions.Count)],
                6 => Any(random),
                _ => FuzzCredential.Anonymous,
            };
        }

        var roles = route.Access?.Roles ?? [];
        var roll = random.Next(10);
        if (roles.Count > 0 && roll < 7)
        {
            var admitted = world.Staff.Where(s => s.Role is { } role && roles.Contains(role)).ToList();
            if (admitted.Count > 0)
            {
                return admitted[random.Next(admitted.Count)];
            }
        }

        if (route.Access?.SubjectTokens == true && roll < 6)
        {
            return world.Subjects[random.Next(world.Subjects.Count)];
        }

        return roll == 9 ? FuzzCredential.Anonymous : Any(random);
    }

    private FuzzCredential Any(Random random) => random.Next(10) switch
    {
        < 6 => world.Staff[random.Next(world.Staff.Count)],
        < 8 => world.Subjects[random.Next(world.Subjects.Count)],
        _ => world.Bogus[random.Next(world.Bogus.Count)],
    };

    private string Path(FuzzRoute route, Random random)
    {
        var path = new StringBuilder();
        string? previous = null;
        foreach (var segment in route.Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        previous = literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        if (!(parameter.IsOptional && random.Next(4) == 0))
                        {
                            path.Append(world.Id(FuzzWorld.KindOf(parameter.Name, previous), random));
                        }

                        break;
                }
            }
        }

        if (random.Next(50) == 0)
        {
            path.Append(random.Next(3) switch { 0 => "/", 1 => "/extra", _ => "%2F.." });
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Query(Random random)
    {
        var count = random.Next(10) switch { < 3 => 0, < 8 => random.Next(1, 3), _ => random.Next(3, 8) };
        if (count == 0)
        {
            return "";
        }

        var query = new StringBuilder("?");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                query.Append('&');
            }

            var name = QueryNames[random.Next(QueryNames.Length)];
            var value = name == "handler" ? Handlers[random.Next(Handlers.Length)] : FuzzValues.Query(random);
            query.Append(name).Append('=');
            query.Append(random.Next(12) switch
            {
                0 => "%ED%A0%80",
                1 => "%C0%80%FF",
                2 => random.Next(2) == 0 ? "%ZZ%" : "%EF%BF%BF%EF%BF%BE",
                3 => value.Replace("&", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal).Replace(" ", "+", StringComparison.Ordinal),
                _ => Escape(value),
            });
        }

        return query.ToString();
    }

    /// <summary>Percent-encodes UTF-8 (a lone surrogate becomes U+FFFD, as a browser would send it).</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return text.ToString();
    }

    private (string? ContentType, byte[]? Body) JsonBody(FuzzRoute route, Random random)
    {
        FuzzBodies.Templates.TryGetValue(route.ToString(), out var template);
        var batch = route.Text.EndsWith("/batch", StringComparison.Ordinal);
        string text;
        switch (random.Next(20))
        {
            case < 8:
                text = Write(Wrap(batch, random, template is null ? Generic(random) : Mutate(template(random, world), random, random.Next(1, 4))));
                break;
            case < 10:
                text = Write(Wrap(batch, random, template is null ? Generic(random) : Mutate(template(random, world), random, random.Next(4, 12))));
                break;
            case < 12:
                text = Write(Wrap(batch, random, Generic(random)));
                break;
            case 12:
                text = Write(FuzzValues.Any(random));
                break;
            case 13:
                // A few broken items, or one more than a batch may hold (those as sent, so the body stays small).
                text = !batch || random.Next(4) != 0
                    ? Write(Enumerable.Range(0, random.Next(2, 5)).Select(_ => (object?)(template is null ? Generic(random) : Mutate(template(random, world), random, 1))).ToList())
                    : Write(Enumerable.Range(0, 1001).Select(_ => (object?)(template?.Invoke(random, world) ?? [])).ToList());
                break;
            case 14 or 15:
                return ("application/json", Broken(template?.Invoke(random, world), random));
            case 16:
                text = Write(FuzzValues.Nested(random));
                break;
            case 17:
                var wrong = WrongContentTypes[random.Next(WrongContentTypes.Length)];
                return (wrong, Encoding.UTF8.GetBytes(Write(template?.Invoke(random, world) ?? Generic(random))));
            case 18:
                return random.Next(2) == 0 ? ("application/json", []) : (null, null);
            default:
                text = Write(template is null ? Generic(random) : template(random, world));
                break;
        }

        return ("application/json", Encoding.UTF8.GetBytes(text));
    }

    private static object? Wrap(bool batch, Random random, object? body) =>
        batch && random.Next(4) != 0 ? new List<object?> { body } : body;

    private static string Write(object? value)
    {
        var text = new StringBuilder();
        FuzzValues.Write(text, value);
        return text.ToString();
    }

    /// <summary>An object of random known (and unknown) members with malformed values.</summary>
    private static List<KeyValuePair<string, object?>> Generic(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 8)).Select(_ =>
        {
            var name = FuzzBodies.FieldNames[random.Next(FuzzBodies.FieldNames.Length)];
            return new KeyValuePair<string, object?>(name, ValueFor(name, random));
        })];

    /// <summary>A malformed value, biased to what the member holds: dates for date fields, durations for terms.</summary>
    private static object? ValueFor(string name, Random random)
    {
        var roll = random.Next(10);
        if (roll < 6 && (name.EndsWith("Date", StringComparison.Ordinal) || name is "asOf" or "from" or "to" or "effectiveFrom" or "performedOn" or "publicUntil" or "expires"))
        {
            return FuzzValues.Dates[random.Next(FuzzValues.Dates.Length)];
        }

        if (roll < 6 && name is "term")
        {
            return FuzzValues.Durations[random.Next(FuzzValues.Durations.Length)];
        }

        return FuzzValues.Any(random);
    }

    /// <summary>Breaks <paramref name="count"/> members of a valid body: a malformed value, a missing or duplicated member, a wrong name.</summary>
    private static List<KeyValuePair<string, object?>> Mutate(List<KeyValuePair<string, object?>> body, Random random, int count)
    {
        for (var i = 0; i < count && body.Count > 0; i++)
        {
            var at = random.Next(body.Count);
            var (name, value) = body[at];
            switch (random.Next(10))
            {
                case < 6:
                    if (value is List<KeyValuePair<string, object?>> inner && inner.Count > 0 && random.Next(2) == 0)
                    {
                        body[at] = new(name, Mutate(inner, random, 1));
                    }
                    else
                    {
                        body[at] = new(name, ValueFor(name, random));
                    }

                    break;
                case 6:
                    body.RemoveAt(at);
                    break;
                case 7:
                    body.Add(new(name, ValueFor(name, random)));
                    break;
                case 8:
                    body[at] = new(random.Next(2) == 0 ? name.ToUpperInvariant() : name + "\u0000", value);
                    break;
                default:
                    var extra = FuzzBodies.FieldNames[random.Next(FuzzBodies.FieldNames.Length)];
                    body.Insert(random.Next(body.Count + 1), new(extra, ValueFor(extra, random)));
                    break;
            }
        }

        return body;
    }

    /// <summary>Bytes that are not JSON: cut short, trailing garbage, comments, single quotes, NaN, invalid UTF-8, a BOM.</summary>
    private static byte[] Broken(List<KeyValuePair<string, object?>>? template, Random random)
    {
        var valid = Write(template ?? [new("asOf", "2026-11-23")]);
        return random.Next(10) switch
        {
            0 => Encoding.UTF8.GetBytes(valid[..random.Next(1, valid.Length)]),
            1 => Encoding.UTF8.GetBytes(valid + "}"),
            2 => Encoding.UTF8.GetBytes("/* c */" + valid),
            3 => Encoding.UTF8.GetBytes(valid.Replace('"', '\'')),
            4 => Encoding.UTF8.GetBytes("{\"amount\":NaN,\"asOf\":Infinity}"),
            5 => [.. Encoding.UTF8.GetBytes("{\"facts\":\""), 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
            6 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)],
            7 => Encoding.UTF8.GetBytes(valid + valid),
            8 => Encoding.Unicode.GetBytes(valid),
            _ => [0x00, 0x00, 0x00],
        };
    }

    /// <summary>A form post to a page: known field names with malformed values, the session's form token most of the time.</summary>
    private (string? ContentType, byte[]? Body) FormBody(FuzzRoute route, FuzzCredential credential, Random random)
    {
        if (route.Text.StartsWith("/console/records/upload", StringComparison.Ordinal) && random.Next(3) != 0)
        {
            return Upload(credential, random);
        }

        var fields = new List<string>();
        if (credential.FormToken is { } token && random.Next(5) != 0)
        {
            fields.Add("__af=" + Escape(token));
        }

        string[] names = [.. FuzzBodies.FieldNames, "apiKey", "token", "code", "returnUrl", "culture", "step", "q", "subjectId", "subjectName"];
        for (var i = random.Next(0, 10); i > 0; i--)
        {
            var name = names[random.Next(names.Length)];
            var value = name is "id" or "designationId" or "recordId" && random.Next(2) == 0
                ? world.Id(name == "recordId" ? "records" : random.Next(2) == 0 ? "designations" : "objections", random)
                : FuzzValues.Query(random);
            fields.Add(Escape(name) + "=" + (random.Next(8) == 0 ? "%ED%A0%80" : Escape(value)));
        }

        return random.Next(10) == 0
            ? (WrongContentTypes[random.Next(WrongContentTypes.Length)], Encoding.UTF8.GetBytes(string.Join('&', fields)))
            : ("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(string.Join('&', fields)));
    }

    private const string CsvHeader = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";

    /// <summary>A console upload of a small CSV or NDJSON file whose rows carry malformed values (ADR 0019's streamed form).</summary>
    private (string? ContentType, byte[]? Body) Upload(FuzzCredential credential, Random random)
    {
        var ndjson = random.Next(2) == 0;
        var file = new StringBuilder();
        if (!ndjson)
        {
            file.Append(random.Next(10) == 0 ? "colour,,\"" : CsvHeader).Append('\n');
        }

        for (var row = random.Next(1, 6); row > 0; row--)
        {
            var body = FuzzBodies.Templates["POST /api/v1/records"](random, world);
            if (random.Next(5) != 0)
            {
                body = Mutate(body, random, random.Next(1, 3));
            }

            if (ndjson)
            {
                FuzzValues.Write(file, body);
            }
            else
            {
                file.Append(string.Join(',', body.Select(f => Cell(f.Value, random))));
            }

            file.Append(random.Next(5) == 0 ? "\r\n" : "\n");
        }

        const string boundary = "fuzzboundary7MA4YWxkTrZu0gW";
        var form = new StringBuilder();
        if (credential.FormToken is { } token && random.Next(5) != 0)
        {
            form.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"__af\"\r\n\r\n{token}\r\n");
        }

        var fileName = random.Next(6) switch { 0 => "../../x.csv", 1 => "records.txt", 2 => "", _ => ndjson ? "records.ndjson" : "records.csv" };
        form.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\n");
        form.Append(file);
        form.Append(CultureInfo.InvariantCulture, $"\r\n--{boundary}{(random.Next(8) == 0 ? "" : "--")}\r\n");
        return ($"multipart/form-data; boundary={boundary}", Encoding.UTF8.GetBytes(form.ToString()));
    }

    private static string Cell(object? value, Random random) => value switch
    {
        null => "",
        string s => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) || random.Next(10) == 0
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + (random.Next(20) == 0 ? "" : "\"")
            : s,
        RawJson raw => raw.Text.Length > 200 ? raw.Text[..200] : raw.Text,
        List<KeyValuePair<string, object?>> subject => string.Join(',', subject.Select(f => Cell(f.Value, random))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

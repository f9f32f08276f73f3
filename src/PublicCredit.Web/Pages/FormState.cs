using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;

namespace PublicCredit.Web.Pages;

/// <summary>
/// What a form posted and what the domain said about it: values by API field name, and each <see cref="FieldError"/>
/// under its field, so a page can put the message next to the input (aria-describedby, aria-invalid) and link to it.
/// </summary>
public sealed class FormState
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public static string InputId(string field) => field.Replace('.', '-');

    public static FormState From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var state = new FormState();
        foreach (var key in form.Keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal)))
        {
            state.values[key] = form[key].ToString();
        }

        return state;
    }

    /// <summary>The same for a GET form (e.g. a period filter): its values are the query string's.</summary>
    public static FormState FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var state = new FormState();
        foreach (var (key, value) in query)
        {
            state.values[key] = value.ToString();
        }

        return state;
    }

    public string? Value(string field) => values.GetValueOrDefault(field);

    /// <summary>
    /// A field the form has even when the browser posts nothing for it (an unticked checkbox), so the domain's error
    /// about it goes under it rather than to the form as a whole.
    /// </summary>
    public FormState Expecting(string field)
    {
        values.TryAdd(field, null);
        return this;
    }

    /// <summary>An empty input is an absent field, as in a JSON body without it.</summary>
    public string? OrNull(string field) => string.IsNullOrWhiteSpace(Value(field)) ? null : Value(field);

    public void Add(IStringLocalizer<SharedResource> l, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var field = values.ContainsKey(error.Field) ? error.Field : string.Empty;
            if (!Errors.TryGetValue(field, out var list))
            {
                Errors[field] = list = [];
            }

            list.Add(Display.Error(l, error));
        }
    }

    public (string Id, IReadOnlyList<string> Messages) ErrorsFor(string field) =>
        (InputId(field), Errors.TryGetValue(field, out var list) ? list : []);

    public string Aria(string field)
    {
        var id = InputId(field);
        var described = Errors.ContainsKey(field) ? $"{id}-hint {id}-error" : $"{id}-hint";
        return $"aria-describedby=\"{WebUtility.HtmlEncode(described)}\"" + (Errors.ContainsKey(field) ? " aria-invalid=\"true\"" : string.Empty);
    }
}

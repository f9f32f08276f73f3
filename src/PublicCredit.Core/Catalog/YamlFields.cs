using System.Globalization;
using PublicCredit.Text;
using PublicCredit.Time;
using YamlDotNet.RepresentationModel;
using PublicCredit.Errors;

namespace PublicCredit.Catalog;

/// <summary>Where a catalog item came from: its file and line, and the line of each of its fields.</summary>
/// <remarks>Field names are paths: <c>binding</c>, <c>publicity.general.max</c>, <c>measures[3]</c>.</remarks>
internal sealed class ItemSource(string file, long line)
{
    private readonly Dictionary<string, int> _fieldLines = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public int Line { get; } = ToInt(line);

    /// <summary>False once a required field was missing or unreadable: the item is not built.</summary>
    public bool Complete { get; private set; } = true;

    public void MarkIncomplete() => Complete = false;

    public void RecordField(string path, long fieldLine) => _fieldLines.TryAdd(path, ToInt(fieldLine));

    /// <summary>YamlDotNet counts lines in a long; catalog files are far shorter than int.MaxValue lines.</summary>
    internal static int ToInt(long line) => (int)Math.Clamp(line, 1, int.MaxValue);

    /// <summary>The line of <paramref name="path"/>, else of its nearest recorded parent, else of the item.</summary>
    public int LineOf(string path)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (_fieldLines.TryGetValue(current, out var fieldLine))
            {
                return fieldLine;
            }
        }

        return Line;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>Collects problems in the order found; the loader sorts them.</summary>
internal sealed class ProblemSink
{
    private readonly List<CatalogProblem> _problems = [];

    public IReadOnlyList<CatalogProblem> All => _problems;

    public int Count => _problems.Count;

    public void Add(string file, long line, string code, string message) =>
        _problems.Add(new CatalogProblem(file, ItemSource.ToInt(line), code, message));
}

/// <summary>
/// Typed, line-aware reading of one YAML mapping of the catalog. Every read marks its key as known;
/// <see cref="RejectUnknownKeys"/> then reports the keys nobody asked for (<c>yaml-unknown-field</c>), so a typo
/// such as <c>bindng: mandatory</c> is an error rather than a silently missing field.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly ProblemSink _problems;
    private readonly string _prefix;
    private readonly string _what;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedMissing = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode node, ItemSource source, ProblemSink problems, string what, string prefix = "")
    {
        _node = node;
        Source = source;
        _problems = problems;
        _what = what;
        _prefix = prefix;
        foreach (var (key, _) in node.Children)
        {
            source.RecordField(prefix + KeyText(key), key.Start.Line);
        }
    }

    public ItemSource Source { get; }

    public int Line => ItemSource.ToInt(_node.Start.Line);

    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is { } value && !IsNull(value);
    }

    public string? String(string key, bool required = true)
    {
        var scalar = Scalar(key, required);
        return scalar?.Value;
    }

    public int? Int(string key, bool required = true)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        if (int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return InvalidValue<int>(scalar, "field-invalid", $"{Path(key)} must be a whole number, not '{scalar.Value}'.");
    }

    public bool? Bool(string key, bool required = true)
    {
        var scalar = Scalar(key, required);
        return scalar?.Value switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => InvalidValue<bool>(scalar, "field-invalid", $"{Path(key)} must be true or false, not '{scalar.Value}'."),
        };
    }

    public DateOnly? Date(string key, bool required = true)
    {
        var scalar = Scalar(key, required);
        return scalar is null ? null : ParseDate(scalar, Path(key));
    }

    public IsoDuration? Duration(string key, bool required = true)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        return IsoDuration.TryParse(scalar.Value, out var duration)
            ? duration
            : InvalidValue<IsoDuration>(scalar, CommonProblemCodes.DurationInvalid,
                $"{Path(key)} '{scalar.Value}' is not an ISO-8601 duration such as P3Y, P6M, P1Y6M or P90D.");
    }

    public TEnum? Enum<TEnum>(string key, bool required = true)
        where TEnum : struct, Enum
    {
        var scalar = Scalar(key, required);
        return scalar is null ? null : ParseEnum<TEnum>(scalar, Path(key));
    }

    public LocalizedText? Text(string key, bool required = true)
    {
        var map = Map(key, required);
        if (map is null)
        {
            return null;
        }

        var zh = map.String("zh");
        var en = map.String("en");
        map.RejectUnknownKeys();
        return zh is null || en is null ? null : new LocalizedText(zh, en);
    }

    public YamlFields? Map(string key, bool required = true)
    {
        var value = Value(key, required);
        switch (value)
        {
            case null:
                return null;
            case YamlMappingNode map:
                return new YamlFields(map, Source, _problems, _what, $"{_prefix}{key}.");
            default:
                return InvalidRef<YamlFields>(value, "field-invalid", $"{Path(key)} must be a mapping of fields.");
        }
    }

    /// <summary>The mappings of a list field, each with its own path (<c>legalBasis[0].</c>).</summary>
    public IReadOnlyList<YamlFields> MapList(string key, bool required = true)
    {
        var sequence = Sequence(key, required);
        var result = new List<YamlFields>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            var element = sequence!.Children[i];
            var path = $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]";
            Source.RecordField(_prefix + path, element.Start.Line);
            if (element is YamlMappingNode map)
            {
                result.Add(new YamlFields(map, Source, _problems, _what, $"{_prefix}{path}."));
            }
            else
            {
                Problem(element, "field-invalid", $"{Path(path)} must be a mapping of fields.");
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>The mappings of a top-level list: each element is a catalog item with its own <see cref="ItemSource"/>.</summary>
    public IReadOnlyList<YamlFields> ItemList(string key, string itemWhat)
    {
        var sequence = Sequence(key, required: true);
        var result = new List<YamlFields>();
        foreach (var element in sequence?.Children ?? [])
        {
            if (element is YamlMappingNode map)
            {
                result.Add(new YamlFields(map, new ItemSource(Source.File, element.Start.Line), _problems, itemWhat));
            }
            else
            {
                Problem(element, "field-invalid", $"each entry of '{key}' must be a mapping of fields.");
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>The scalars of a list field; each element's line is recorded as <c>key[i]</c>.</summary>
    public IReadOnlyList<string> StringList(string key, bool required = true)
    {
        var sequence = Sequence(key, required);
        var result = new List<string>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            var element = sequence!.Children[i];
            var path = $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]";
            Source.RecordField(_prefix + path, element.Start.Line);
            if (element is YamlScalarNode { Value: { Length: > 0 } text })
            {
                result.Add(text);
            }
            else
            {
                Problem(element, "field-invalid", $"{Path(path)} must be a single value.");
            }
        }

        return result.AsReadOnly();
    }

    public IReadOnlyList<TEnum> EnumList<TEnum>(string key, bool required = true)
        where TEnum : struct, Enum
    {
        var sequence = Sequence(key, required);
        var result = new List<TEnum>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            var element = sequence!.Children[i];
            var path = $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]";
            Source.RecordField(_prefix + path, element.Start.Line);
            if (element is YamlScalarNode scalar && ParseEnum<TEnum>(scalar, Path(path)) is { } value)
            {
                result.Add(value);
            }
            else if (element is not YamlScalarNode)
            {
                Problem(element, "field-invalid", $"{Path(path)} must be a single value.");
            }
        }

        return result.AsReadOnly();
    }

    public IReadOnlyList<DateOnly> DateList(string key, bool required = true)
    {
        var sequence = Sequence(key, required);
        var result = new List<DateOnly>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            var element = sequence!.Children[i];
            var path = $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]";
            Source.RecordField(_prefix + path, element.Start.Line);
            if (element is YamlScalarNode scalar && ParseDate(scalar, Path(path)) is { } date)
            {
                result.Add(date);
            }
            else if (element is not YamlScalarNode)
            {
                Problem(element, "field-invalid", $"{Path(path)} must be a date (YYYY-MM-DD).");
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>Reports a problem against a field of this mapping (or the mapping itself when the field is absent).</summary>
    public void Report(string key, string code, string message)
    {
        var line = Find(key) is null ? Line : Source.LineOf(_prefix + key);
        _problems.Add(Source.File, line, code, message);
    }

    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = KeyText(key);
            if (!_known.Contains(name))
            {
                _problems.Add(Source.File, key.Start.Line, "yaml-unknown-field",
                    $"unknown field '{_prefix}{name}' in {_what}; expected one of: {string.Join(", ", _known)}.");
            }
        }
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode { Value: { } text } ? text : key.ToString();

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar &&
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain &&
        scalar.Value is null or "" or "~" or "null";

    private string Path(string key) => $"'{_prefix}{key}' of {_what}";

    private YamlNode? Find(string key)
    {
        foreach (var (k, value) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } text } && string.Equals(text, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    private YamlNode? Value(string key, bool required)
    {
        _known.Add(key);
        var value = Find(key);
        if (value is null || IsNull(value))
        {
            if (required && _reportedMissing.Add(key))
            {
                Source.MarkIncomplete();
                _problems.Add(Source.File, value?.Start.Line ?? Line, "field-required", $"{Path(key)} is required.");
            }

            return null;
        }

        return value;
    }

    private YamlScalarNode? Scalar(string key, bool required)
    {
        var value = Value(key, required);
        if (value is null or YamlScalarNode)
        {
            var scalar = (YamlScalarNode?)value;
            if (scalar is not null && string.IsNullOrWhiteSpace(scalar.Value))
            {
                return required ? InvalidRef<YamlScalarNode>(scalar, "field-required", $"{Path(key)} must not be empty.") : null;
            }

            return scalar;
        }

        return InvalidRef<YamlScalarNode>(value, "field-invalid", $"{Path(key)} must be a single value, not a list or mapping.");
    }

    private YamlSequenceNode? Sequence(string key, bool required)
    {
        var value = Value(key, required);
        return value switch
        {
            null => null,
            YamlSequenceNode sequence => sequence,
            _ => InvalidRef<YamlSequenceNode>(value, "field-invalid", $"{Path(key)} must be a list ([a, b] or '- a' lines)."),
        };
    }

    private DateOnly? ParseDate(YamlScalarNode scalar, string path) =>
        DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : InvalidValue<DateOnly>(scalar, "date-invalid", $"{path} '{scalar.Value}' is not a date in the form YYYY-MM-DD.");

    /// <summary>An enum value by its code (<see cref="EnumCodes"/>), exactly as written.</summary>
    private TEnum? ParseEnum<TEnum>(YamlScalarNode scalar, string path)
        where TEnum : struct, Enum =>
        EnumCodes.TryParse<TEnum>(scalar.Value, out var value)
            ? value
            : InvalidValue<TEnum>(scalar, "field-invalid", $"{path} '{scalar.Value}' is not one of: {string.Join(", ", EnumCodes.All<TEnum>())}.");

    private TStruct? InvalidValue<TStruct>(YamlNode node, string code, string message)
        where TStruct : struct
    {
        Problem(node, code, message);
        return null;
    }

    private TClass? InvalidRef<TClass>(YamlNode node, string code, string message)
        where TClass : class
    {
        Problem(node, code, message);
        return null;
    }

    private void Problem(YamlNode node, string code, string message)
    {
        Source.MarkIncomplete();
        _problems.Add(Source.File, node.Start.Line, code, message);
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicCredit.Ledger;

/// <summary>
/// One canonical JSON text per value: object members sorted by ordinal name, no insignificant white space,
/// camelCase names, minimal escaping. The ledger hashes this text, so the same event always hashes the same
/// on every machine and provider (docs/design.md#8-everything-is-evidence).
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
    };

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // Chinese text stays readable in the stored payload; the escaping choice is fixed, so hashes are stable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value)
    {
        if (value is CanonicalText text)
        {
            return text.Json;
        }

        var node = JsonSerializer.SerializeToNode(value, SerializerOptions);
        return Write(node);
    }

    /// <summary>The canonical text of each top-level member of a value that is written as an object.</summary>
    public static IReadOnlyDictionary<string, string> Members<T>(T value) =>
        JsonSerializer.SerializeToNode(value, SerializerOptions) is JsonObject obj
            ? obj.ToDictionary(p => p.Key, p => Write(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Re-writes any JSON text canonically; used to check that a stored payload is canonical.</summary>
    public static string Canonicalize(string json) => Write(JsonNode.Parse(json));

    private static string Write(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteNode(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var child in array)
                {
                    WriteNode(writer, child);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>
/// A payload its maker already wrote in the canonical form (members in ordinal order, no white space, the same
/// escaping — <see cref="CanonicalJson.WriterOptions"/>), used as it is: a chunk of 5000 imported records would
/// otherwise be built as a JSON tree of 15,000 nodes and sorted, only to give the same text (ADR 0017). A test holds
/// each maker to the text <see cref="CanonicalJson.Serialize{T}"/> gives for the equivalent object.
/// </summary>
public sealed record CanonicalText(string Json);

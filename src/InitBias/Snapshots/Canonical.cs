using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InitBias.Snapshots;

/// <summary>
/// Canonical JSON for snapshots: keys sorted ordinally at every level, shortest round-trip numbers, LF.
/// </summary>
public static class Canonical
{
    public static string Write(JsonNode node)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping
        };
        return Sort(node)!.ToJsonString(options) + "\n";
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Leaf values by path ("a.b[2].c"): numbers as double, everything else as its JSON text.</summary>
    public static Dictionary<string, object?> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        Walk(node, "", result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, object?> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Walk(v, path.Length == 0 ? k : $"{path}.{k}", into);
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", into);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                // Via the JSON text: in-memory nodes may hold int or long, parsed ones a JsonElement.
                into[path] = double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                into[path] = node?.ToJsonString();
                break;
        }
    }
}

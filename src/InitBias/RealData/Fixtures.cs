using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace InitBias.RealData;

/// <summary>
/// The real-data fixtures (fixtures/README.md): located from the repository root (or INITBIAS_FIXTURES), checked
/// against their SHA-256 before use, so a corrupt or missing file stops with an error naming it.
/// </summary>
public static class Fixtures
{
    public const string ProntoQa = "prontoqa/prontoqa_v1_fictional_1-5hop.jsonl";
    public const string TinyStories = "tinystories/tinystories_v1_train_head_2MiB.txt";

    public static readonly IReadOnlyDictionary<string, string> Sha256 = new Dictionary<string, string>
    {
        [ProntoQa] = "a4a5c34be2ebc5603405faad0fc71cfa483328e5c9a120041b6cc80f35c17217",
        [TinyStories] = "5352b299dcb1a32898b2d779b145b5a05f3e1265953fd21c264c9f9f9c9ae33d",
    };

    public static string Folder()
    {
        var env = Environment.GetEnvironmentVariable("INITBIAS_FIXTURES");
        if (env is not null) return env;
        var root = Repository.Root()
                   ?? throw new FileNotFoundException(
                       "fixtures/ not found: run from inside the repository or set INITBIAS_FIXTURES");
        return Path.Combine(root, "fixtures");
    }

    /// <summary>The verified bytes of a fixture file.</summary>
    public static byte[] Read(string relativePath, string? folder = null)
    {
        string path = Path.Combine(folder ?? Folder(), relativePath);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"fixture {relativePath} is missing (looked for {path}); see fixtures/README.md", path);
        var bytes = File.ReadAllBytes(path);
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Sha256.TryGetValue(relativePath, out var expected) && actual != expected)
            throw new InvalidDataException(
                $"fixture {relativePath} is corrupt: SHA-256 {actual}, expected {expected} (fixtures/README.md)");
        return bytes;
    }

    public static IReadOnlyList<ProntoQaExample> LoadProntoQa(string? folder = null)
    {
        var text = System.Text.Encoding.UTF8.GetString(Read(ProntoQa, folder));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) =>
        {
            var o = JsonNode.Parse(line)?.AsObject()
                    ?? throw new InvalidDataException($"{ProntoQa} line {i + 1} is not a JSON object");
            return new ProntoQaExample(o["hops"]!.GetValue<int>(), o["question"]!.GetValue<string>(),
                o["query"]!.GetValue<string>(),
                o["chain_of_thought"]!.AsArray().Select(s => s!.GetValue<string>()).ToList(),
                o["answer"]!.GetValue<string>());
        }).ToList();
    }

    /// <summary>The complete stories (the file is cut at 2 MiB, so the last, truncated story is dropped).</summary>
    public static IReadOnlyList<string> LoadTinyStories(string? folder = null)
    {
        var text = System.Text.Encoding.UTF8.GetString(Read(TinyStories, folder));
        var parts = text.Split("<|endoftext|>");
        return parts[..^1].Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }
}

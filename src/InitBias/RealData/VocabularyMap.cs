using System.Text.Json;

namespace InitBias.RealData;

/// <summary>
/// A compact vocabulary: the GPT-2 ids that occur in the training corpora, renumbered 0..n-1 in ascending GPT-2 id
/// order, so the model's embedding and output layer are n wide instead of 50,257. Saved beside a run (vocab.json) so
/// its ids can be mapped back.
/// </summary>
public sealed class VocabularyMap
{
    private readonly int[] _toGpt2;
    private readonly Dictionary<int, int> _toCompact;

    public VocabularyMap(IEnumerable<int> gpt2Ids)
    {
        _toGpt2 = gpt2Ids.Distinct().Order().ToArray();
        if (_toGpt2.Length == 0) throw new ArgumentException("an empty vocabulary");
        if (_toGpt2[0] < 0 || _toGpt2[^1] >= Gpt2Bpe.VocabSize)
            throw new ArgumentException($"GPT-2 ids lie in 0..{Gpt2Bpe.VocabSize - 1}");
        _toCompact = _toGpt2.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
    }

    public int Count => _toGpt2.Length;
    public IReadOnlyList<int> Gpt2Ids => _toGpt2;

    public int ToCompact(int gpt2Id) => _toCompact.TryGetValue(gpt2Id, out var c) ? c
        : throw new KeyNotFoundException($"GPT-2 id {gpt2Id} is not in the compact vocabulary ({Count} ids)");

    public int ToGpt2(int compactId) => compactId >= 0 && compactId < Count ? _toGpt2[compactId]
        : throw new ArgumentOutOfRangeException(nameof(compactId), $"compact id {compactId} outside 0..{Count - 1}");

    public bool Contains(int gpt2Id) => _toCompact.ContainsKey(gpt2Id);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new { gpt2Ids = _toGpt2 }));

    public static VocabularyMap Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new VocabularyMap(doc.RootElement.GetProperty("gpt2Ids").EnumerateArray().Select(e => e.GetInt32()));
    }
}

using Microsoft.ML.Tokenizers;

namespace InitBias.RealData;

/// <summary>The GPT-2 BPE (Microsoft.ML.Tokenizers with its embedded gpt2 data: offline, nothing downloaded).</summary>
public static class Gpt2Bpe
{
    public const int VocabSize = 50257;
    public const int EndOfText = 50256;

    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    public static IReadOnlyList<int> Encode(string text) => Tokenizer.Value.EncodeToIds(text);

    public static string Decode(IEnumerable<int> ids) => Tokenizer.Value.Decode(ids);
}

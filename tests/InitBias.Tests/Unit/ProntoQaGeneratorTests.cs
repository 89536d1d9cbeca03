using FluentAssertions;
using InitBias.RealData;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// The C# PrOntoQA generator against the official generator's output in fixtures/ (the acceptance checks of
/// prontoqa-format.md §2): per-hop statistics within stated tolerances, and no sentence form the real data lacks.
/// </summary>
[Trait("Category", "Unit")]
public class ProntoQaGeneratorTests
{
    private static readonly IReadOnlyList<ProntoQaExample> Real = Fixtures.LoadProntoQa();
    private static readonly IReadOnlyList<ProntoQaExample> Generated = ProntoQaGenerator.Generate(5000, 1, 5, 20250205);

    private static readonly HashSet<string> ConceptWords = ProntoQaGenerator.Concepts.ToHashSet();
    private static readonly HashSet<string> PluralWords =
        ProntoQaGenerator.Concepts.Select(ProntoQaGenerator.Plural).ToHashSet();
    private static readonly HashSet<string> PropertyWords =
        ProntoQaGenerator.PropertyFamilies.SelectMany(f => f).ToHashSet();
    private static readonly HashSet<string> EntityWords = ProntoQaGenerator.Entities.ToHashSet();

    /// <summary>A sentence with its content words replaced by their kind: "Every C is a C.", "Cs are not P."</summary>
    public static string Template(string sentence) => string.Join(" ", sentence.TrimEnd('.').Split(' ').Select(w =>
    {
        string lower = w.ToLowerInvariant();
        if (ConceptWords.Contains(lower)) return "C";
        if (PluralWords.Contains(lower)) return "Cs";
        if (PropertyWords.Contains(lower)) return "P";
        if (EntityWords.Contains(w)) return "E";
        return w;
    })) + ".";

    private static IEnumerable<string> Sentences(ProntoQaExample e) =>
        e.ContextSentences.Concat(e.ChainOfThought).Append(e.Query["True or false: ".Length..]);

    [Fact]
    public void Fixture_holds_1000_examples_per_hop_count()
    {
        Real.Should().HaveCount(5000);
        Real.GroupBy(e => e.Hops).Should().OnlyContain(g => g.Count() == 1000);
    }

    [Fact]
    public void Chain_of_thought_has_2_hops_plus_1_sentences_and_its_rules_are_copied_from_the_context()
    {
        foreach (var e in Generated)
        {
            e.ChainOfThought.Should().HaveCount(2 * e.Hops + 1);
            var context = e.ContextSentences.ToHashSet();
            for (int i = 1; i < e.ChainOfThought.Count; i += 2) context.Should().Contain(e.ChainOfThought[i]);
            e.ChainOfThought[0].Should().Be(e.ContextSentences[^1], "the premise is the context's last sentence");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Per_hop_statistics_match_the_fixture(int hops)
    {
        var real = Real.Where(e => e.Hops == hops).ToList();
        var gen = Generated.Where(e => e.Hops == hops).ToList();
        gen.Should().HaveCount(1000);
        // Context length: mean within 0.6 sentences (the fixture's sd of a 1,000-mean is about 0.1), range inside
        // the fixture's.
        gen.Average(e => e.ContextSentences.Count).Should()
            .BeApproximately(real.Average(e => e.ContextSentences.Count), 0.6);
        gen.Min(e => e.ContextSentences.Count).Should()
            .BeGreaterThanOrEqualTo(real.Min(e => e.ContextSentences.Count) - 1);
        gen.Max(e => e.ContextSentences.Count).Should().BeLessThanOrEqualTo(real.Max(e => e.ContextSentences.Count));
        // True share: within 0.07 (4 binomial sd at n = 1,000).
        gen.Average(e => e.Answer == "True" ? 1.0 : 0).Should()
            .BeApproximately(real.Average(e => e.Answer == "True" ? 1.0 : 0), 0.07);
        // GPT-2 tokens per document: mean within 5%.
        double realTokens = real.Average(e => Gpt2Bpe.Encode(e.Document).Count);
        gen.Average(e => Gpt2Bpe.Encode(e.Document).Count).Should().BeApproximately(realTokens, 0.05 * realTokens);
    }

    [Fact]
    public void Every_sentence_form_the_generator_emits_occurs_in_the_real_data()
    {
        var real = Real.SelectMany(Sentences).Select(Template).ToHashSet();
        var generated = Generated.SelectMany(Sentences).Select(Template).ToHashSet();
        generated.Except(real).Should().BeEmpty();
        real.Except(generated).Should().BeEmpty("5,000 examples cover every form the real data has");
    }

    [Fact]
    public void Surface_mix_of_rules_and_negations_matches_the_fixture()
    {
        static (double Plural, double Every, double Negated) Mix(IEnumerable<ProntoQaExample> xs)
        {
            var rules = xs.SelectMany(e => e.ContextSentences.SkipLast(1)).ToList();
            var properties = rules.Where(r => PropertyWords.Contains(r.TrimEnd('.').Split(' ')[^1])).ToList();
            return (rules.Average(r => PluralWords.Contains(r.Split(' ')[0].ToLowerInvariant()) ? 1.0 : 0),
                    rules.Average(r => r.StartsWith("Every ") ? 1.0 : 0),
                    properties.Average(r => r.Contains(" not ") ? 1.0 : 0));
        }
        var real = Mix(Real); var gen = Mix(Generated);
        gen.Plural.Should().BeApproximately(real.Plural, 0.02);
        gen.Every.Should().BeApproximately(real.Every, 0.02);
        gen.Negated.Should().BeApproximately(real.Negated, 0.03);
    }

    [Fact]
    public void Same_seed_same_examples()
    {
        ProntoQaGenerator.Generate(50, 1, 5, 9).Select(e => e.Document)
            .Should().Equal(ProntoQaGenerator.Generate(50, 1, 5, 9).Select(e => e.Document));
    }
}

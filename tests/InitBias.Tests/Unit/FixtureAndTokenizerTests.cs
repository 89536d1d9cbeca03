using FluentAssertions;
using InitBias.RealData;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class FixtureAndTokenizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-fixtures-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void TinyStories_fixture_has_2316_complete_stories()
    {
        var stories = Fixtures.LoadTinyStories();
        stories.Should().HaveCount(2316);
        stories.Should().NotContain(s => s.Contains("<|endoftext|>"));
    }

    [Fact]
    public void A_corrupt_fixture_is_refused_with_its_name_and_expected_hash()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tinystories"));
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Folder(), Fixtures.TinyStories));
        bytes[1000] ^= 1;
        File.WriteAllBytes(Path.Combine(_dir, Fixtures.TinyStories), bytes);
        var act = () => Fixtures.LoadTinyStories(_dir);
        act.Should().Throw<InvalidDataException>()
            .WithMessage($"*{Fixtures.TinyStories} is corrupt*{Fixtures.Sha256[Fixtures.TinyStories]}*");
    }

    [Fact]
    public void A_missing_fixture_is_named()
    {
        var act = () => Fixtures.LoadProntoQa(_dir);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*{Fixtures.ProntoQa} is missing*");
    }

    [Fact]
    public void Gpt2_bpe_gives_the_reference_ids()
    {
        Gpt2Bpe.Encode("Hello world").Should().Equal(15496, 995);
        Gpt2Bpe.Encode("<|endoftext|>").Should().Equal(Gpt2Bpe.EndOfText);
        Gpt2Bpe.Decode([15496, 995]).Should().Be("Hello world");
    }

    [Fact]
    public void Compact_vocabulary_round_trips_text_and_file()
    {
        string text = Fixtures.LoadTinyStories()[0] + " " + Fixtures.LoadProntoQa()[0].Document;
        var ids = Gpt2Bpe.Encode(text);
        var map = new VocabularyMap(ids);
        map.Count.Should().BeLessThan(ids.Count).And.Be(ids.Distinct().Count());
        var compact = ids.Select(map.ToCompact).ToList();
        compact.Should().OnlyContain(c => c >= 0 && c < map.Count);
        Gpt2Bpe.Decode(compact.Select(map.ToGpt2)).Should().Be(text);
        string file = Path.Combine(_dir, "vocab.json");
        map.Save(file);
        VocabularyMap.Load(file).Gpt2Ids.Should().Equal(map.Gpt2Ids);
        var unknown = () => map.ToCompact(Gpt2Bpe.VocabSize - 2);
        unknown.Should().Throw<KeyNotFoundException>();
    }
}

[Trait("Category", "Unit")]
public class LmCorpusTests
{
    [Theory]
    [InlineData("fixture")]
    [InlineData("both")]
    public void Mixture_packs_each_corpus_into_windows_of_compact_ids(string source)
    {
        var c = new CorpusConfig { Documents = 200, ContextLength = 64, ProntoQaSource = source };
        var corpus = LmCorpus.Build(c);
        corpus.Windows.Length.Should().Be(corpus.Count * 65);
        corpus.Windows.Should().OnlyContain(id => id >= 0 && id < corpus.Vocabulary.Count);
        corpus.IsProntoQa.Count(x => x).Should().BeGreaterThan(100);
        corpus.IsProntoQa.Count(x => !x).Should().BeGreaterThan(100);
        int first = Array.IndexOf(corpus.IsProntoQa, true);
        var text = Gpt2Bpe.Decode(
            corpus.Windows.Skip(first * 65).Take(65).Select(id => corpus.Vocabulary.ToGpt2((int)id)));
        text.Should().Contain(" is ");
        LmCorpus.Build(c).Windows.Should().Equal(corpus.Windows, "the corpus depends on its config only");
    }

    [Fact]
    public void Bad_corpus_settings_are_refused()
    {
        var act = () => LmCorpus.Build(new CorpusConfig { ProntoQaSource = "web" });
        act.Should().Throw<ArgumentException>().WithMessage("*prontoQaSource 'web'*");
        var tooMany = () => LmCorpus.Build(new CorpusConfig { Documents = 5000 });
        tooMany.Should().Throw<ArgumentException>().WithMessage("*TinyStories fixture has 2316*");
    }
}

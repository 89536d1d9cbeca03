using FluentAssertions;
using InitBias.Tasks;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class CompositionTaskTests
{
    private static readonly CompositionTaskConfig Paper = new();
    private static readonly TaskData Data = CompositionTask.Generate(Paper, 7);

    private static (int Key, int A1, int A2) Parts(TaskData d, int i)
    {
        var s = d.Sample(i);
        int p = d.KeyPositions[i];
        return ((int)s[p], (int)s[p + 1], (int)s[p + 2]);
    }

    [Fact]
    public void Paper_default_has_200000_samples_with_1000_per_anchor_combination()
    {
        Data.Count.Should().Be(200_000);
        var perCombo = Enumerable.Range(0, Data.Count).GroupBy(i => (Parts(Data, i).A1, Parts(Data, i).A2)).ToList();
        perCombo.Should().HaveCount(200);
        perCombo.Should().OnlyContain(g => g.Count() == 1000);
        Data.Groups.Count(g => g == EvalGroup.Mem).Should().Be(100_000);
        Data.Groups.Count(g => g == EvalGroup.RsnTest).Should().Be(2_000);
        Data.Groups.Count(g => g == EvalGroup.RsnTrain).Should().Be(98_000);
    }

    [Fact]
    public void Every_token_is_in_range_and_the_key_is_followed_by_two_anchors()
    {
        for (int i = 0; i < Data.Count; i += 37)
        {
            var s = Data.Sample(i);
            int p = Data.KeyPositions[i];
            p.Should().BeInRange(0, Paper.SeqLen - Paper.Anchors - 1);
            for (int t = 0; t < Paper.SeqLen; t++)
            {
                bool anchor = t == p + 1 || t == p + 2;
                if (anchor) s[t].Should().BeInRange(1, 20);
                else s[t].Should().BeInRange(21, 120, "keys and noise come from Z");
            }
        }
    }

    [Fact]
    public void Reasoning_label_is_key_plus_anchors_and_memory_label_comes_from_the_table()
    {
        for (int i = 0; i < Data.Count; i++)
        {
            var (z, a1, a2) = Parts(Data, i);
            if (Data.Groups[i] == EvalGroup.Mem)
                Data.Label(i).Should().Be(Data.MemoryLabels[z - 21, a1 - 1, a2 - 1]);
            else
                Data.Label(i).Should().Be(z + a1 + a2);
        }
    }

    [Fact]
    public void Memory_label_depends_only_on_the_key_anchor_pair_and_lies_in_Z()
    {
        var byTriple = Enumerable.Range(0, Data.Count).Where(i => Data.Groups[i] == EvalGroup.Mem)
            .GroupBy(i => Parts(Data, i));
        byTriple.Should().OnlyContain(g => g.Select(Data.Label).Distinct().Count() == 1);
        Data.MemoryLabels.Cast<int>().Should().OnlyContain(y => y >= 21 && y <= 120);
        Data.MemoryLabels.Cast<int>().Distinct().Count().Should()
            .BeGreaterThan(90, "labels are drawn at random from Z");
    }

    [Fact]
    public void Held_out_pairs_are_never_in_training_and_are_exactly_the_test_group()
    {
        foreach (int i in Data.TrainIndices())
        {
            var (_, a1, a2) = Parts(Data, i);
            ((a1, a2) is (11, 13) or (13, 11)).Should().BeFalse();
        }
        for (int i = 0; i < Data.Count; i++)
        {
            var (_, a1, a2) = Parts(Data, i);
            (Data.Groups[i] == EvalGroup.RsnTest).Should().Be((a1, a2) is (11, 13) or (13, 11));
        }
        Data.EvalIndices[EvalGroup.RsnTest].Should().OnlyContain(i => Data.Groups[i] == EvalGroup.RsnTest);
    }

    [Fact]
    public void Mixed_anchor_pairs_are_never_generated()
    {
        for (int i = 0; i < Data.Count; i++)
        {
            var (_, a1, a2) = Parts(Data, i);
            ((a1 <= 10) == (a2 <= 10)).Should().BeTrue();
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        var small = Paper with { SamplesPerCombination = 20 };
        var a = CompositionTask.Generate(small, 3);
        var b = CompositionTask.Generate(small, 3);
        var c = CompositionTask.Generate(small, 4);
        a.Samples.Should().Equal(b.Samples);
        a.EvalIndices[EvalGroup.Mem].Should().Equal(b.EvalIndices[EvalGroup.Mem]);
        a.Samples.Should().NotEqual(c.Samples);
    }

    [Fact]
    public void Emb_mlp_variant_is_key_then_anchors_with_every_key_once_per_combination()
    {
        var d = CompositionTask.Generate(Paper.AsEmbMlpVariant(), 1);
        d.SeqLen.Should().Be(3);
        d.Count.Should().Be(200 * 100);
        d.KeyPositions.Should().OnlyContain(p => p == 0);
        Enumerable.Range(0, d.Count).Select(i => Parts(d, i)).Distinct().Count().Should().Be(d.Count);
        d.TrainIndices().Should().HaveCount(20_000 - 200);
    }

    [Fact]
    public void Evaluation_subsets_are_capped_and_belong_to_their_group()
    {
        foreach (var g in new[] { EvalGroup.Mem, EvalGroup.RsnTrain, EvalGroup.RsnTest })
        {
            Data.EvalIndices[g].Length.Should().BeLessThanOrEqualTo(Paper.EvalSamplesPerGroup);
            Data.EvalIndices[g].Should().OnlyContain(i => Data.Groups[i] == g).And.OnlyHaveUniqueItems();
        }
        // The real-data groups exist only in the language-model mixture.
        Data.EvalIndices[EvalGroup.ProntoQa].Should().BeEmpty();
        Data.EvalIndices[EvalGroup.TinyStories].Should().BeEmpty();
    }

    [Fact]
    public void Validation_names_the_problem()
    {
        Paper.Validate(201).Should().BeEmpty();
        Paper.Validate(150).Should().Contain(m => m.Contains("labels reach 160"));
        (Paper with { HeldOutPairs = [[1, 13]] }).Validate(201).Should().Contain(m => m.Contains("held-out pair"));
        (Paper with { KeyMin = 5 }).Validate(201).Should().Contain(m => m.Contains("disjoint"));
    }
}

[Trait("Category", "Unit")]
public class MemoryLabelRuleTests
{
    private static (int Key, int A1, int A2, int Label) Parts(TaskData d, int i)
    {
        var s = d.Sample(i);
        int p = d.KeyPositions[i];
        return ((int)s[p], (int)s[p + 1], (int)s[p + 2], (int)s[d.SeqLen]);
    }

    [Fact]
    public void Local_labels_lie_within_the_key_plus_minus_the_anchor_sum_and_use_the_whole_window()
    {
        var c = new CompositionTaskConfig { MemoryLabels = "local", IncludeReasoning = false }.AsEmbMlpVariant();
        var d = CompositionTask.Generate(c, 11);
        d.Count.Should().Be(10_000);
        d.Groups.Should().OnlyContain(g => g == EvalGroup.Mem);
        var parts = Enumerable.Range(0, d.Count).Select(i => Parts(d, i)).ToList();
        parts.Should().OnlyContain(x => Math.Abs(x.Label - x.Key) <= x.A1 + x.A2);
        parts.Count(x => x.Label - x.Key == -(x.A1 + x.A2)).Should().BeGreaterThan(0);
        parts.Count(x => x.Label - x.Key == x.A1 + x.A2).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Group_labels_lie_in_their_group_range_and_groups_have_25_pairs_each()
    {
        var c = new CompositionTaskConfig { MemoryLabels = "groups", IncludeReasoning = false }.AsEmbMlpVariant();
        var d = CompositionTask.Generate(c, 12);
        var parts = Enumerable.Range(0, d.Count).Select(i => Parts(d, i)).ToList();
        foreach (var x in parts)
        {
            var (lo, hi) = CompositionTaskConfig.GroupLabelRange(c.LabelGroup(x.A1, x.A2));
            x.Label.Should().BeInRange(lo, hi);
        }
        parts.Select(x => (x.A1, x.A2)).Distinct().GroupBy(p => c.LabelGroup(p.A1, p.A2)).Should()
            .OnlyContain(g => g.Count() == 25);
        parts.Max(x => x.Label).Should().Be(109);
    }

    [Fact]
    public void Uniform_rule_is_the_original_task()
    {
        var a = CompositionTask.Generate(new CompositionTaskConfig { SamplesPerCombination = 5 }, 4);
        var b = CompositionTask.Generate(
            new CompositionTaskConfig { SamplesPerCombination = 5, MemoryLabels = "uniform" }, 4);
        a.Samples.Should().Equal(b.Samples);
    }

    [Fact]
    public void Unknown_rule_is_refused_with_the_known_ones()
    {
        var act = () => CompositionTask.Generate(new CompositionTaskConfig { MemoryLabels = "random" }, 1);
        act.Should().Throw<ArgumentException>().WithMessage("*memoryLabels 'random'*uniform, local, groups*");
    }
}

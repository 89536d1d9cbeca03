using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Probes.Recording;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// Probe lines carry their sections generically (ProbeSection) and still hold the bytes the record with one property
/// per probe wrote; every probe is found by its spec; docs/probes.md shows the template the tests compile.
/// </summary>
[Trait("Category", "Unit")]
public class ProbeLineBytesTests
{
    /// <summary>A line with every section of the claim grids, as main at d4d3471 wrote it (ProbeFile.Append of the
    /// record ProbeLine with its six properties), less what is no longer recorded since statistics of recorded rows
    /// are computed at read time (anchors.cos, mechanism.effective_rank and mean_cos; docs/reading.md).</summary>
    private const string Pinned =
        "{\"step\":7,\"anchors\":{\"first_token\":1,\"rows\":{\"rows\":2,\"cols\":2"
        + ",\"f32\":\"AACAPgAAwL8AAEBAAAAAPg==\"}},\"mechanism\":{"
        + "\"embeddings\":{\"rows\":1,\"cols\":2,\"f32\":\"AAAAPwAAAEA=\"},\"attn1_max_dev\":1E-07,"
        + "\"wv_singular_values\":[2.5,0.3333333333333333],\"key_probe_attn_out\":0.9},\"token_sets\":{\"cos_pq"
        + "\":0.2,\"cos_ts\":0.3,\"tokens_pq\":4,\"tokens_ts\":5,\"heatmap_pq\":[[1,0.5]],\"heatmap_ts\":[[1]]}"
        + ",\"outputs\":[{\"label_min\":30,\"label_max\":49,\"in_range\":0.104,\"mean_output\":97.244,\"accurac"
        + "y\":0.004,\"histogram\":[0,8],\"mean_probability\":[0.0049,0.0051]}],\"first_step\":{\"first_token\""
        + ":1,\"velocity\":{\"rows\":1,\"cols\":2,\"f32\":\"AAAAPwAAoD8=\"},\"prop1\":[[0.1,0.2]]},\"label_dist"
        + "ributions\":{\"first_token\":1,\"p\":[[0.5,0.5]],\"share\":[0.05],\"prop1_share_outside_range\":[0.3"
        + ",0.14285714285714285]},\"is_empty\":false}";

    private static ProbeLine Line() => new ProbeLine(7)
        .With(ProbeLine.AnchorsSection, new AnchorEmbeddings(1, [[0.25, -1.5], [3, 0.125]]))
        .With(ProbeLine.MechanismSection, new MechanismReadout
        {
            Embeddings = [[0.5, 2]],
            Attn1MaxDev = 1e-7,
            WvSingularValues = [2.5, 1.0 / 3],
            KeyProbeLayer2 = null,
            KeyProbeAttnOut = 0.9,
        })
        .With(TokenSetCosines.Section, new TokenSetCosines(0.2, 0.3, 4, 5, [[1, 0.5]], [[1]]))
        .With(GroupOutputs.Section, [new GroupOutputs(30, 49, 0.104, 97.244, 0.004, [0, 8], [0.0049, 0.0051])])
        .With(FirstStepVelocities.Section, new FirstStepVelocities(1, [[0.5, 1.25]]) { Prop1 = [[0.1, 0.2]] })
        .With(TrainingLabelDistributions.Section, new TrainingLabelDistributions(1, [[0.5, 0.5]], [0.05])
        {
            Prop1ShareOutsideRange = [0.3, 1.0 / 7],
        });

    private static string Written(ProbeLine line)
    {
        var dir = Directory.CreateTempSubdirectory("initbias-probe-line-").FullName;
        try
        {
            ProbeFile.Append(dir, line);
            return File.ReadAllText(Path.Combine(dir, ProbeFile.File));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static ProbeLine Read(string text)
    {
        var dir = Directory.CreateTempSubdirectory("initbias-probe-line-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, ProbeFile.File), text);
            return ProbeFile.Read(dir).Single();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_line_is_written_as_the_record_with_a_property_per_probe_wrote_it() =>
        Written(Line()).Should().Be(Pinned + "\n");

    [Fact]
    public void A_line_of_the_old_record_reads_back_section_by_section_and_rewrites_to_its_bytes()
    {
        var line = Read(Pinned + "\n");
        line.Step.Should().Be(7);
        line.Anchors!.Rows.Should().BeEquivalentTo(new[] { new[] { 0.25, -1.5 }, new[] { 3, 0.125 } });
        line.Mechanism!.Embeddings.Should().BeEquivalentTo(new[] { new[] { 0.5, 2 } });
        line.TokenSets!.TokensTs.Should().Be(5);
        line.Outputs!.Single().Histogram.Should().Equal(0, 8);
        line.Get(FirstStepVelocities.Section)!.Prop1.Should().BeEquivalentTo(new[] { new[] { 0.1, 0.2 } });
        line.Get(TrainingLabelDistributions.Section)!.Prop1ShareOutsideRange.Should().Equal(0.3, 1.0 / 7);
        Written(line).Should().Be(Pinned + "\n");
        Written(Read(Pinned + "\n")).Should().Be(Pinned + "\n", "a line not read section by section as well");
    }

    [Fact]
    public void A_section_keeps_refusing_members_it_does_not_know()
    {
        var line = Read("{\"step\":0,\"token_sets\":{\"cos_pq\":1,\"typo\":2},\"is_empty\":false}\n");
        var get = () => line.TokenSets;
        get.Should().Throw<JsonException>();
    }

    [Fact]
    public void Setting_a_section_twice_replaces_it_in_place()
    {
        var cos = new TokenSetCosines(0.2, 0.3, 4, 5, [[1]], [[1]]);
        var line = Line().With(TokenSetCosines.Section, cos with { CosPq = 0.5 });
        line.TokenSets!.CosPq.Should().Be(0.5);
        Written(line).Should().Be(Pinned.Replace("\"cos_pq\":0.2", "\"cos_pq\":0.5")
            .Replace("\"heatmap_pq\":[[1,0.5]]", "\"heatmap_pq\":[[1]]") + "\n");
    }

    [Fact]
    public void Every_probe_spec_has_one_probe_with_a_section_name_of_its_own()
    {
        foreach (var assembly in new[] { typeof(ProbeSpec).Assembly, typeof(ProbeLineBytesTests).Assembly })
        {
            var specs = assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(ProbeSpec)) && !t.IsAbstract && t != typeof(UnrecordedSpec)).ToList();
            var probes = ProbeRecorder.In(assembly);
            probes.Keys.Should().BeEquivalentTo(specs, assembly.GetName().Name);
            var names = probes.Values.Select(p => p.SectionName).ToList();
            names.Should().OnlyHaveUniqueItems().And.NotContain(["step", "is_empty"])
                .And.OnlyContain(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^[a-z][a-z0-9_]*$"));
        }
    }

    [Fact]
    public void A_spec_without_a_probe_is_refused_before_training()
    {
        var recorder = () => ProbeRecorder.For([new UnrecordedSpec()], ["dir"], [], "ci");
        recorder.Should().Throw<ArgumentException>().WithMessage("*no probe records UnrecordedSpec*docs/probes.md*");
    }

    [Fact]
    public void Docs_probes_md_shows_the_template_the_tests_compile()
    {
        string root = Repository.Root()!;
        string doc = File.ReadAllText(Path.Combine(root, "docs", "probes.md"));
        string code = File.ReadAllText(Path.Combine(root, "tests", "InitBias.Tests", "ProbeTemplate",
            "AnchorNormsProbe.cs"));
        doc.Should().Contain("```csharp\n" + code.TrimEnd('\n') + "\n```");
    }
}

/// <summary>A spec no probe of this assembly records (the refusal above).</summary>
internal sealed record UnrecordedSpec : ProbeSpec;

using FluentAssertions;
using InitBias.Analysis;
using InitBias.Probes;
using InitBias.Reading;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// Issue 32: the statistics of recorded rows are computed at read time (docs/reading.md). The mechanism probe used
/// to record the input-token embeddings' effective rank and mean cosine beside the rows; computed from the rows read
/// back out of probe.jsonl they are the same doubles, bit for bit, since the rows are stored as the float32 values
/// they were computed from. Folders recorded before still read.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReadTimeStatisticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-readtime-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Effective_rank_and_mean_cosine_from_the_read_rows_equal_the_recorded_values_bitwise()
    {
        using var generator = new torch.Generator(7);
        using var w = torch.randn([2, 41, 16], generator: generator) * 0.3f; // [E, V, D] float32, as W_E
        var emb = TensorReadout.Stack(w);
        for (int e = 0; e < emb.Length; e++)
        {
            var inputs = emb[e][1..]; // the input-token rows 1..KeyMax, as the probe copies them
            // What the mechanism writer recorded until issue 32, from the same doubles of the float32 tensor.
            double recordedRank = Linalg.EffectiveRank(Linalg.SingularValues(inputs));
            double recordedMeanCos = Geometry.MeanOffDiagonal(Linalg.CosineMatrix(inputs));
            string dir = Path.Combine(_dir, $"m{e}");
            Directory.CreateDirectory(dir);
            var line = new ProbeLine(0).With(ProbeLine.MechanismSection, new MechanismReadout { Embeddings = inputs });
            ProbeFile.Append(dir, line);
            File.ReadAllText(Path.Combine(dir, ProbeFile.File)).Should().NotContain("effective_rank")
                .And.NotContain("mean_cos").And.Contain("\"f32\"");
            var read = ProbeFile.Read(dir)[0].Mechanism!.Embeddings!;
            MechanismStatistics.Erank(read).Should().Be(recordedRank);
            MechanismStatistics.MeanCos(read).Should().Be(recordedMeanCos);
        }
    }

    [Fact]
    public void A_probe_line_recorded_before_still_reads_and_its_recorded_statistics_are_not_used()
    {
        File.WriteAllText(Path.Combine(_dir, ProbeFile.File),
            "{\"step\":5,\"anchors\":{\"first_token\":1,\"cos\":[[1,0.5],[0.5,1]]}," +
            "\"mechanism\":{\"effective_rank\":1.5,\"mean_cos\":0.25,\"embeddings\":[[1,0],[1,1],[0,1]]}}\n");
        var line = ProbeFile.Read(_dir)[0];
        line.Anchors!.Cos.Should().NotBeNull();
        line.Anchors.Rows.Should().BeNull();
        line.Mechanism!.EffectiveRank.Should().Be(1.5);
        MechanismStatistics.MeanCos(line.Mechanism.Embeddings!).Should()
            .BeApproximately((2 * Math.Sqrt(0.5) + 0) / 3, 1e-15);
    }

    [Fact]
    public void Anchor_cosines_come_from_rows_in_double()
    {
        double[][] rows = [[1, 0], [0, 2], [3, 3], [1, 1]]; // tokens 1..4
        var cos = TokenCosines.Among(rows, 1, new Tasks.TokenBlock(2, 4));
        cos.FirstToken.Should().Be(2);
        cos[2, 3].Should().BeApproximately(Math.Sqrt(0.5), 1e-15);
        cos[3, 4].Should().Be(Linalg.Cosine(rows[2], rows[3]));
        TokenCosines.OfInputRows(rows, new Tasks.TokenBlock(1, 2))[1, 2].Should().Be(0);
    }
}

using FluentAssertions;
using InitBias.Benchmarks;
using InitBias.Experiments;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace InitBias.Tests.Unit;

/// <summary>
/// What the workflow (.github/workflows/ci.yml) must keep: scheduled runs in their own concurrency group (a push never
/// cancels a nightly or weekly run), every evaluation after shards runs even when a shard failed, and each GPU job's
/// limit covers its FLOP-table estimate at 25% of the fp32 peak (FlopTable) with margin.
/// </summary>
[Trait("Category", "Unit")]
public sealed class WorkflowTests
{
    private const double Margin = 1.25;
    private static readonly YamlMappingNode Root = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Repository.Root()!, ".github", "workflows", "ci.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Jobs => (YamlMappingNode)Root["jobs"];
    private static YamlMappingNode Job(string name) => (YamlMappingNode)Jobs[name];
    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var v) ? ((YamlScalarNode)v).Value : null;

    [Fact]
    public void Scheduled_runs_have_their_own_concurrency_group()
    {
        var concurrency = (YamlMappingNode)Root["concurrency"];
        Scalar(concurrency, "group").Should().Contain("github.event_name").And.Contain("github.event.schedule",
            "the nightly full and the weekly GPT-2 run must not share a group with pushes or each other");
        Scalar(concurrency, "cancel-in-progress").Should().NotContain("schedule");
    }

    [Fact]
    public void Every_evaluation_after_shards_runs_when_a_shard_failed_and_trains_at_most_one_shard()
    {
        var shardJobs = Jobs.Children.Where(j => ((YamlScalarNode)j.Key).Value!.EndsWith("-shard")).ToList();
        shardJobs.Should().HaveCountGreaterThanOrEqualTo(2);
        foreach (var (key, _) in shardJobs)
        {
            string shardJob = ((YamlScalarNode)key).Value!;
            var evaluations = Jobs.Children.Where(j => j.Value is YamlMappingNode m &&
                Scalar(m, "needs") == shardJob).Select(j => ((YamlScalarNode)j.Key).Value!).ToList();
            evaluations.Should().NotBeEmpty($"{shardJob} is evaluated by a job that needs it");
            foreach (var name in evaluations)
            {
                Scalar(Job(name), "if").Should().StartWith("always()", $"{name} must run when one shard failed");
                var env = (YamlMappingNode)Job(name)["env"];
                Scalar(env, "INITBIAS_EVALUATES_SHARDS").Should().Be(ShardCount(shardJob).ToString(),
                    $"{name} may train at most one of {shardJob}'s shards");
            }
        }
    }

    private static int ShardCount(string job) =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Job(job)["strategy"])["matrix"])["shard"]).Count();

    /// <summary>Minutes at 25% of fp32 peak plus the launch floor, of the paper grids a GPU job trains.</summary>
    private static double Estimate(Func<string, bool> grids, int shards) => FlopTable.For(Profiles.Paper)
        .Where(g => grids(g.Grid)).Sum(g => g.Minutes[0] + g.FloorMinutes) / shards;

    [Theory]
    [InlineData("gpu", false, 1)]            // every paper grid but GPT-2's
    [InlineData("gpu-gpt2-shard", true, 8)]  // one of 8 shards of the GPT-2 grid
    [InlineData("gpu-gpt2", true, 8)]        // at most one shard's members trained in the evaluation
    public void Each_gpu_jobs_limit_covers_its_flop_estimate(string job, bool gpt2, int shards)
    {
        double estimate = Estimate(g => g.StartsWith("gpt2", StringComparison.Ordinal) == gpt2, shards);
        var runsOn = Job(job)["runs-on"];
        runsOn.ToString().Should().Contain("gpu");
        int limit = int.Parse(Scalar(Job(job), "timeout-minutes")!);
        limit.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(Margin * estimate),
            $"{job}: {estimate:F0} min at 25% of the fp32 peak plus the launch floor, with margin {Margin}");
        if (job != "gpu") ShardCount(job == "gpu-gpt2" ? "gpu-gpt2-shard" : job).Should().Be(shards);
    }

    [Fact]
    public void Gpu_jobs_ask_for_cuda_by_name()
    {
        foreach (var (key, value) in Jobs.Children)
        {
            var job = (YamlMappingNode)value;
            if (!job["runs-on"].ToString().Contains("gpu")) continue;
            var env = job.Children.TryGetValue("env", out var e) ? (YamlMappingNode)e : null;
            var steps = string.Join("\n", ((YamlSequenceNode)job["steps"]).OfType<YamlMappingNode>()
                .Select(s => Scalar(s, "run") ?? ""));
            bool named = (env is not null && Scalar(env, "INITBIAS_DEVICE") == "cuda")
                         || steps.Contains("--device cuda");
            named.Should().BeTrue($"{key} must not train on the CPU without a word");
            steps.Should().NotContain("dotnet test InitBias.sln --filter", $"{key} builds the cuda backend")
                .And.Contain("-p:TorchBackend=cuda");
        }
    }

    [Fact]
    public void Slurm_shards_fit_their_time_limit_by_the_flop_table()
    {
        var script = File.ReadAllLines(Path.Combine(Repository.Root()!, "docs", "slurm-claims.sh"));
        static int Minutes(string hms) => hms.Split(':').Select(int.Parse).Aggregate((a, b) => a * 60 + b) / 60;
        int limit = Minutes(script.Single(l => l.StartsWith("#SBATCH --time=")).Split('=')[1]);
        int shards = int.Parse(script.Single(l => l.StartsWith("SHARDS=")).Split(":-")[1].TrimEnd('}'));
        double estimate = Estimate(_ => true, shards);
        limit.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(Margin * estimate),
            $"a shard of {shards}: {estimate:F0} min at 25% of the fp32 peak plus the launch floor");
        script.Should().Contain(l => l.Contains("--evaluates-shards $SHARDS"), "it trains one shard at most")
            .And.Contain(l => l.Contains("initbias-evaluate") && l.Contains($"--time={limit / 60:00}:"));
    }
}

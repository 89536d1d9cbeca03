using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FluentAssertions;
using InitBias.Experiments;
using InitBias.Snapshots;
using Xunit;

namespace InitBias.Tests.Golden;

/// <summary>
/// The profiles are data (src/InitBias/Experiments/profiles/*.json); this pins what they resolve to. Every
/// experiment's full config in each profile, and the profile's claim seeds, must equal
/// ProfileTests.Profiles_resolve_to_their_committed_configs.{profile}.verified.json exactly, so an edit to a profile
/// file, a record default or an experiment's change shows up as a reviewed diff of resolved values.
/// </summary>
[Trait("Category", "Unit")]
public class ProfileTests
{
    private static readonly IReadOnlyList<SnapshotTolerance> Exact = [new("*", 0, 0)];

    [Theory]
    [InlineData(Profiles.Ci)]
    [InlineData(Profiles.Full)]
    [InlineData(Profiles.Paper)]
    public void Profiles_resolve_to_their_committed_configs(string profile)
    {
        var doc = new JsonObject
        {
            ["claimSeeds"] = new JsonArray(Profiles.ClaimSeeds(profile).Select(s => (JsonNode?)s).ToArray()),
        };
        foreach (var name in ExperimentRegistry.All.Keys)
            doc[name] = Json.ToNode(ExperimentRegistry.Resolve(name, profile));
        SnapshotVerifier.Verify(doc, Path.GetDirectoryName(ThisFile())!,
            $"{nameof(ProfileTests)}.{nameof(Profiles_resolve_to_their_committed_configs)}.{profile}", Exact);
    }

    /// <summary>C11 compares the Emb-MLP with the transformer on the same data and optimiser: the same seed must
    /// draw the same samples, so the two configs must agree on the task and the training.</summary>
    [Theory]
    [InlineData(Profiles.Ci)]
    [InlineData(Profiles.Full)]
    [InlineData(Profiles.Paper)]
    public void The_noisy_emb_mlp_trains_the_transformers_task_and_schedule(string profile)
    {
        var transformer = ExperimentRegistry.Resolve("transformer", profile);
        var noisy = ExperimentRegistry.Resolve("emb-mlp-noisy", profile);
        noisy.Task.Should().BeEquivalentTo(transformer.Task);
        noisy.Train.Should().Be(transformer.Train);
        noisy.Model.Should().Be(ExperimentRegistry.Resolve("emb-mlp", profile).Model);
    }

    [Fact]
    public void A_calibration_candidate_is_a_patch_of_a_profile()
    {
        // Candidate T4 of CLAIMS.md ("The full profile") was adopted as full's transformer: ci patched by it, with
        // full's evaluation schedule (every 250 steps, and every 50 over the first 1,000 since the v3 rules), is full.
        var t4 = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root()!, "docs", "calibration", "T4.json")))!;
        var patched = Json.ToNode(ExperimentRegistry.Resolve("transformer", Profiles.Ci)).AsObject();
        Json.Merge(patched, t4.AsObject());
        var fullEvaluation = new JsonObject { ["evalEvery"] = 250, ["denseEvalEvery"] = 50, ["denseEvalUntil"] = 1000 };
        Json.Merge(patched, new JsonObject { ["profile"] = "full", ["train"] = fullEvaluation });
        JsonNode.DeepEquals(patched, Json.ToNode(ExperimentRegistry.Resolve("transformer", Profiles.Full)))
            .Should().BeTrue();
    }

    private static string ThisFile([CallerFilePath] string file = "") => file;
}

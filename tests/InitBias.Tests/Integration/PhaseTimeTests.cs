using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Reading;
using InitBias.Runs;
using InitBias.Training;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// Every CPU run records where its wall time went (summary.json's phaseSeconds, issue 31): every phase, the probes
/// and checkpoints apart from the evaluation, the same ensemble-level numbers in every member's summary. The laps
/// cover the very span wallSeconds times (two clocks on one span), so their sum must match it.
/// </summary>
[Trait("Category", "Integration")]
public class PhaseTimeTests : TempFolderTest
{
    [Fact]
    public void A_run_records_every_phase_and_the_phases_add_up_to_its_wall_time()
    {
        var c = TinyConfigs.Transformer(steps: 80);
        var members = new[] { c with { Gamma = 0.3 }, c with { Gamma = 0.8 } };
        var dirs = members.Select(m => Path.Combine(Dir, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
        new ExperimentRunner
        {
            Device = torch.CPU,
            CheckpointEvery = 20,
            Probes = ProbeRecorder.For([new MechanismSpec()], dirs, members, c.Profile),
        }.Run(members, dirs);

        var runs = dirs.Select(RunReader.Open).ToList();
        var phases = runs[0].PhaseSeconds!;
        PhaseSeconds.All.Should().OnlyContain(p => phases[p] >= 0);
        foreach (var p in new[] { Phase.Forward, Phase.Backward, Phase.Evaluation, Phase.Probes, Phase.Checkpoints })
            phases[p].Should().BeGreaterThan(0, $"{p} ran");
        double wall = runs[0].WallSeconds;
        phases.Total.Should().BeApproximately(wall, 0.02 * wall + 0.01, "each phase is rounded to 1 ms");
        runs[1].PhaseSeconds.Should().Be(phases, "the members share one trainer");
    }
}

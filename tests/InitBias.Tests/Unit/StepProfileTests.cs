using FluentAssertions;
using InitBias.Reading;
using InitBias.Runs;
using InitBias.Training;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// On CUDA a clock read without a device synchronisation measures kernel launches, not kernels (`bench --device
/// cuda`). The profile runs its synchronisation before every read; on the CPU DeviceSync does nothing. Its laps are
/// contiguous, so a run's phases add up to its time (summary.json's phaseSeconds), and summaries from before it
/// existed, or from CUDA runs, which are not timed unless asked, carry none and still read.
/// </summary>
[Trait("Category", "Unit")]
public class StepProfileTests
{
    [Fact]
    public void Every_clock_read_is_preceded_by_the_device_synchronisation()
    {
        int waits = 0;
        var profile = new StepProfile(() => waits++);
        profile.Start();
        waits.Should().Be(1);
        profile.Lap(Phase.Forward);
        profile.Lap(Phase.Backward);
        waits.Should().Be(3);
    }

    [Fact]
    public void Waiting_on_the_cpu_does_nothing()
    {
        var act = () => DeviceSync.Wait(TorchSharp.torch.CPU);
        act.Should().NotThrow();
    }

    [Fact]
    public void Laps_are_contiguous_and_every_phase_is_listed()
    {
        var profile = new StepProfile();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        profile.Start();
        Thread.Sleep(20);
        profile.Lap(Phase.Forward);
        Thread.Sleep(20);
        profile.Lap(Phase.Probes);
        clock.Stop();
        var rounded = profile.Rounded();
        rounded.Forward.Should().BeGreaterThan(0);
        rounded.Probes.Should().BeGreaterThan(0);
        rounded.Evaluation.Should().Be(0);
        profile.Seconds.Total.Should().BeInRange(0.04, clock.Elapsed.TotalSeconds);
    }

    [Fact]
    public void The_breakdown_line_gives_shares_of_the_total()
    {
        var seconds = new PhaseSeconds(Data: 1, Forward: 25, Backward: 41, Optimizer: 12, Evaluation: 11, Probes: 7,
            Checkpoints: 0, Other: 3);
        seconds.Describe().Should().Be("time: train 79% (forward 25%, backward 41%, optimizer 12%, " +
                                       "data 1%), evaluation 11%, probes 7%, checkpoints 0%, other 3% of 100.0 s");
    }

    [Fact]
    public void Phase_times_read_back_as_summary_json_names_them()
    {
        ReadSummary("{\"completed\": true, \"wallSeconds\": 10, \"phaseSeconds\": {\"data\": 0.1, \"forward\": 2, " +
                    "\"backward\": 4, \"optimizer\": 1, \"evaluation\": 0.5, \"probes\": 0.25, \"checkpoints\": 0, " +
                    "\"other\": 0.125}}",
            run => run.PhaseSeconds.Should().Be(new PhaseSeconds(0.1, 2, 4, 1, 0.5, 0.25, 0, 0.125)));
        Json.Serialize(new PhaseSeconds(1, 2, 3, 4, 5, 6, 7, 8)).ReplaceLineEndings("").Replace(" ", "").Should()
            .Be("{\"data\":1,\"forward\":2,\"backward\":3,\"optimizer\":4,\"evaluation\":5,\"probes\":6," +
                "\"checkpoints\":7,\"other\":8}");
    }

    [Fact]
    public void A_summary_without_phase_times_still_reads_and_none_is_written_when_untimed()
    {
        ReadSummary("{\"completed\": true, \"wallSeconds\": 12.5, \"stepsPerSecond\": 8}", run =>
        {
            run.PhaseSeconds.Should().BeNull();
            run.WallSeconds.Should().Be(12.5);
            run.Completed.Should().BeTrue();
        });
        var untimed = new RunSummary
        {
            Experiment = "transformer",
            Profile = "ci",
            Gamma = 0.8,
            Seed = 1,
            Completed = true,
            StepsPlanned = 1,
            StepsCompleted = 1,
            EnsembleMembers = 1,
            TrainSamples = 1,
            Epochs = 1,
            WallSeconds = 1,
            StepsPerSecond = 1,
            Final = new Dictionary<string, double>(),
            BestAccuracy = new Dictionary<string, double>(),
        };
        Json.Serialize(untimed).Should().NotContain("phaseSeconds");
    }

    /// <summary>Checks a run folder holding only the given summary.json (RunReader reads lazily: inside check).
    /// </summary>
    private static void ReadSummary(string summaryJson, Action<RunReader> check)
    {
        string dir = Directory.CreateTempSubdirectory("initbias-summary-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, RunFolder.SummaryFile), summaryJson);
            check(RunReader.Open(dir));
        }
        finally { Directory.Delete(dir, true); }
    }
}

using InitBias.Grids;
using InitBias.Models;

namespace InitBias.Probes.Recording;

/// <summary>Fills its section of each member's probe line for one evaluation (lines[e] for member e), or leaves it.
/// </summary>
public delegate void SectionWriter(int step, IEnsembleModel model, ProbeLine[] lines);

/// <summary>
/// After one evaluation, each member's section (index e for member e; null where that member records nothing), or
/// null when the probe records nothing at this step.
/// </summary>
public delegate TSection?[]? ProbeRead<TSection>(int step, IEnsembleModel model) where TSection : class;

/// <summary>The recording side of a probe, as ProbeRecorder finds it by the type of spec it records.</summary>
public interface IProbe
{
    Type Spec { get; }
    string SectionName { get; }
    SectionWriter Writer(ProbeSpec spec, ProbeContext run);
}

/// <summary>
/// A probe: for its spec (data in a grid declaration), reads the model after each evaluation and records one section
/// per member under Section. Deriving from this is all the registering a probe does: ProbeRecorder finds the class
/// by TSpec (docs/probes.md). Start runs once per training, when the runner has built the members' data; what it
/// returns runs after every evaluation, on the ensemble as trained (read weights only: no gradients or random draws
/// on the run's streams, so metrics do not depend on probes).
/// </summary>
public abstract class Probe<TSpec, TSection> : IProbe where TSpec : ProbeSpec where TSection : class
{
    public abstract ProbeSection<TSection> Section { get; }

    protected abstract ProbeRead<TSection> Start(TSpec spec, ProbeContext run);

    public Type Spec => typeof(TSpec);

    public string SectionName => Section.Name;

    public SectionWriter Writer(ProbeSpec spec, ProbeContext run)
    {
        var read = Start((TSpec)spec, run);
        return (step, model, lines) =>
        {
            var sections = read(step, model);
            if (sections is null) return;
            for (int e = 0; e < lines.Length; e++)
                if (sections[e] is { } section) lines[e] = lines[e].With(Section, section);
        };
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Models;
using InitBias.Tasks;

namespace InitBias.Probes.Recording;

/// <summary>
/// Turns a grid's declared probes into the callback the runner calls after each evaluation: each spec's probe (the
/// Probe subclass for its type, found in the spec's assembly, so adding a probe edits nothing here) fills its
/// section; each member's line goes to its probe.jsonl when any probe recorded something. The step-0 probes (first
/// step, label distributions) compute on models of their own, from private streams.
/// </summary>
public static class ProbeRecorder
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<Type, IProbe>> Found = new();

    /// <summary>
    /// What the runner builds, from the members' data, into its after-evaluation callback (ExperimentRunner.Probes);
    /// null without probes. Every spec's probe is looked up here, before training.
    /// </summary>
    public static Func<IReadOnlyList<TaskData>, Action<int, IEnsembleModel>>? For(IReadOnlyList<ProbeSpec> probes,
        IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members, string profile)
    {
        if (probes.Count == 0) return null;
        var found = probes.Select(Of).ToList();
        return data =>
        {
            var run = new ProbeContext(members, dirs, data, profile);
            var writers = probes.Select((spec, i) => found[i].Writer(spec, run)).ToList();
            return (step, model) =>
            {
                var lines = members.Select(_ => new ProbeLine(step)).ToArray();
                foreach (var write in writers) write(step, model, lines);
                for (int e = 0; e < lines.Length; e++)
                    if (!lines[e].IsEmpty) ProbeFile.Append(dirs[e], lines[e]);
            };
        };
    }

    /// <summary>The probe that records this spec.</summary>
    public static IProbe Of(ProbeSpec spec) =>
        In(spec.GetType().Assembly).TryGetValue(spec.GetType(), out var probe) ? probe
            : throw new ArgumentException($"no probe records {spec.GetType().Name}: a probe is a class deriving " +
                                          $"from Probe<{spec.GetType().Name}, TSection> (docs/probes.md)");

    /// <summary>Every probe an assembly defines, by the spec type it records (one each).</summary>
    public static IReadOnlyDictionary<Type, IProbe> In(Assembly assembly) => Found.GetOrAdd(assembly, a =>
    {
        var probes = a.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }
                                             && typeof(IProbe).IsAssignableFrom(t))
            .Select(t => (IProbe)Activator.CreateInstance(t)!).ToList();
        var twice = probes.GroupBy(p => p.Spec).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidOperationException($"{string.Join(" and ", twice.Select(p => p.GetType().Name))} " +
                                                $"both record {twice.Key.Name}");
        return probes.ToDictionary(p => p.Spec);
    });
}

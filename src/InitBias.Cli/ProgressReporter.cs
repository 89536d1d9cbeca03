using System.Diagnostics;
using System.Globalization;
using InitBias.Tasks;
using InitBias.Training;
using Spectre.Console;

namespace InitBias.Cli;

/// <summary>
/// Shows training progress: a live bar on a terminal, plain lines (one per evaluation) when output is redirected,
/// so logs in CI stay readable.
/// </summary>
public sealed class ProgressReporter
{
    private readonly int _steps;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ProgressTask? _task;

    public ProgressReporter(int steps) => _steps = steps;

    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Run(string title, Action<ProgressReporter> work)
    {
        if (!Interactive) { work(this); return; }
        AnsiConsole.Progress()
            .Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(Markup.Escape(title), maxValue: _steps);
                work(this);
            });
    }

    public void Step(int step)
    {
        if (_task is not null) _task.Value = step;
    }

    private static long RssMb()
    {
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64 >> 20;
    }

    public void Eval(EvalRecord r)
    {
        double rate = r.Step / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        var m = r.Members[0];
        string Fmt(string key) => m.FirstOrDefault(kv => kv.Key == key) is { Key: not null } kv
            ? kv.Value.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        string members = r.Members.Count > 1 ? $" (member 1 of {r.Members.Count})" : "";
        // The groups this run evaluates (mem / rsn_train / rsn_test, or pq / ts for the real-data mixture).
        var groups = EvalGroups.All.Select(g => g.Key()).Where(k => m.Any(kv => kv.Key == $"loss_{k}")).ToList();
        string line = $"step {r.Step}/{_steps}  " +
                      $"loss {string.Join(" ", groups.Select(k => $"{k} {Fmt($"loss_{k}")}"))}  " +
                      $"acc {string.Join(" ", groups.Select(k => $"{k} {Fmt($"acc_{k}")}"))}" +
                      $"{members}  {rate:0.0} steps/s  rss {RssMb()} MB";
        if (_task is not null) AnsiConsole.MarkupLine(Markup.Escape(line));
        else Console.WriteLine(line);
    }
}

using System.CommandLine;
using InitBias.Claims;
using InitBias.Reports;

namespace InitBias.Cli;

/// <summary>`initbias report`: one HTML page and its Markdown twin, from the verified snapshots and figures.</summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var profile = new Option<string?>("--profile") { Description = "only this profile (default: every profile)" };
        var snapshots = new Option<string?>("--snapshots")
        {
            Description = "folder of *.verified.json snapshots (default claims/InitBias.Claims at the repository root)"
        };
        var runs = new Option<string?>("--runs")
        {
            Description = "claims' run root whose {profile}/figures are inlined (default runs/claims, when present)"
        };
        var output = new Option<string?>("--out")
        {
            Description = "folder for report.html and REPORT.md (default runs/report)"
        };
        var cmd = new Command("report", "Write report.html and REPORT.md: verdicts, checks and figures per claim")
        {
            profile, snapshots, runs, output
        };
        cmd.SetAction(p =>
        {
            string root = Repository.Root() ?? Directory.GetCurrentDirectory();
            try
            {
                var claims = ReportedClaim.LoadAll(p.GetValue(snapshots)
                                                   ?? Path.Combine(root, "claims", "InitBias.Claims"),
                    withReceived: true);
                if (p.GetValue(profile) is { } only)
                {
                    Experiments.Profiles.Check(only);
                    claims = claims.Where(c => c.Profile == only).ToList();
                    if (claims.Count == 0) throw new ArgumentException($"no verified snapshots of profile {only}");
                }
                string runRoot = p.GetValue(runs) ?? Path.Combine(root, "runs", "claims");
                string outDir = p.GetValue(output) ?? Path.Combine(root, "runs", "report");
                Directory.CreateDirectory(outDir);
                string html = Path.Combine(outDir, "report.html"), md = Path.Combine(outDir, "REPORT.md");
                File.WriteAllText(html, HtmlReport.Render(claims, Directory.Exists(runRoot) ? runRoot : null,
                    "InitBias: the paper's claims, per profile"));
                File.WriteAllText(md, MarkdownReport.Render(claims));
                Console.WriteLine($"{claims.Count} snapshots of {claims.Select(c => c.Id).Distinct().Count()} claims");
                Console.WriteLine($"page: {html}");
                Console.WriteLine($"markdown: {md}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"initbias report: {ex.Message}");
                return 2;
            }
        });
        return cmd;
    }
}

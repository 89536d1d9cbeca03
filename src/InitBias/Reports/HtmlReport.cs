using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace InitBias.Reports;

/// <summary>
/// report.html: the Markdown report's content as one self-contained page (no external file, script or font), with
/// each claim's figures inlined as SVG when the claims' run root is given (`initbias claim` draws them into
/// {root}/{profile}/figures).
/// </summary>
public static class HtmlReport
{
    public static string Render(IReadOnlyList<ReportedClaim> claims, string? runsRoot, string title)
    {
        var byId = ReportTable.ById(claims).ToList();
        var h = new StringBuilder();
        h.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.AppendLine($"<title>{E(title)}</title><style>{Style}</style></head><body>");
        h.AppendLine($"<h1>{E(title)}</h1>");
        var env = claims[0].Env;
        h.AppendLine("<p class=\"env\">" + E(string.Join(" · ", env.Select(kv => $"{kv.Key} {kv.Value}"))) +
                     $" · profiles {E(string.Join(", ", claims.Select(c => c.Profile).Distinct()))}" +
                     $" · seeds {E(Seeds(claims))}" +
                     (runsRoot is null ? "" : $" · training wall time {E(WallTime(runsRoot, claims))}") + "</p>");
        h.AppendLine("<table id=\"claims\"><tr><th>claim</th><th>paper's figure</th>" +
                     string.Concat(Experiments.Profiles.All.Select(p => $"<th>{p}</th>")) + "</tr>");
        foreach (var (id, byProfile) in byId)
        {
            var any = byProfile.First(c => c is not null)!;
            h.Append($"<tr><td><a href=\"#{id}\">{id}</a></td><td>{E(any.Figure)}</td>");
            foreach (var c in byProfile)
                h.Append($"<td class=\"{(c is null ? "none" : c.VerdictClass)}\">" +
                         $"{E(ReportTable.Status(c))}</td>");
            h.AppendLine("</tr>");
        }
        h.AppendLine("</table>");
        foreach (var (id, byProfile) in byId) Claim(h, id, byProfile.OfType<ReportedClaim>().ToList(), runsRoot);
        h.AppendLine("</body></html>");
        return h.ToString();
    }

    private static void Claim(StringBuilder h, string id, IReadOnlyList<ReportedClaim> byProfile, string? runsRoot)
    {
        h.AppendLine($"<section id=\"{id}\"><h2>{id}</h2><p>{E(byProfile[0].Statement)} " +
                     $"<em>({E(byProfile[0].Figure)})</em></p>");
        foreach (var c in byProfile)
        {
            h.AppendLine($"<h3>{c.Profile}: <span class=\"{c.VerdictClass}\">{E(c.Verdict)}</span>" +
                         $", rule {E(c.RuleVersion)}</h3><p class=\"premise\">{E(c.PremiseLine)}</p>" +
                         "<table class=\"checks\"><tr>" +
                         string.Concat(ReportTable.CheckColumns.Select(col => $"<th>{E(col)}</th>")) + "</tr>");
            foreach (var check in c.Checks)
                h.AppendLine($"<tr class=\"{(check.Undecided ? "undecided" : check.Passed ? "yes" : "no")}\">" +
                            string.Concat(
                    ReportTable.CheckCells(check).Select(cell => $"<td>{E(cell.Replace("**", ""))}</td>")) + "</tr>");
            h.AppendLine("</table><ul class=\"rules\">" + string.Concat(c.Checks.Select(check =>
                $"<li><code>{E(check.Name)}</code>: {E(check.Rule)}</li>")) + "</ul>");
            h.AppendLine($"<p class=\"snapshot {(c.Differences is { Count: > 0 } ? "no" : "yes")}\">snapshot: " +
                         $"{E(ReportTable.SnapshotStatus(c))}</p>");
            if (c.Differences is { Count: > 0 } diffs)
                h.AppendLine("<table class=\"diff\"><tr>" +
                             string.Concat(ReportTable.DifferenceColumns.Select(col => $"<th>{E(col)}</th>")) +
                             "</tr>" + string.Concat(diffs.Select(d =>
                                 $"<tr><td>{E(d.Field)}</td><td>{E(d.Verified)}</td><td>{E(d.Received)}</td>" +
                                 $"<td>{E(d.Difference)}</td></tr>")) + "</table>");
            if (runsRoot is not null && Figures.ClaimFigures.In(c.Profile).TryGetValue(id, out var files))
                foreach (var f in files.Select(f => Path.Combine(runsRoot, c.Profile, "figures", f + ".svg"))
                             .Where(File.Exists))
                    h.AppendLine($"<figure>{InlineSvg(File.ReadAllText(f))}<figcaption>{c.Profile}: " +
                                 $"{E(Path.GetFileNameWithoutExtension(f))}</figcaption></figure>");
        }
        h.AppendLine("</section>");
    }

    /// <summary>
    /// An SVG file's root element, without its XML declaration, to sit inside the page. ScottPlot writes a fixed
    /// width and height and no viewBox, so the figure would be cropped, not scaled, in a narrower page: add one.
    /// </summary>
    public static string InlineSvg(string svg)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) return "";
        svg = svg[start..];
        int end = svg.IndexOf('>');
        string head = svg[..end];
        var w = Regex.Match(head, "\\swidth=\"([0-9.]+)\"");
        var h = Regex.Match(head, "\\sheight=\"([0-9.]+)\"");
        if (head.Contains("viewBox") || !w.Success || !h.Success) return svg;
        return $"{head} viewBox=\"0 0 {w.Groups[1].Value} {h.Groups[1].Value}\"{svg[end..]}";
    }

    private static string Seeds(IReadOnlyList<ReportedClaim> claims) => string.Join("; ", claims
        .GroupBy(c => c.Profile).Select(g =>
        {
            var seeds = g.SelectMany(c => c.Checks).SelectMany(k => k.PerSeed).Select(s => s.Seed).Distinct()
                .Order().ToList();
            return seeds.Count == 0 ? $"{g.Key} —" : $"{g.Key} {seeds[0]}-{seeds[^1]}";
        }));

    /// <summary>
    /// Per profile, the training time of the grids in the run root: each grid's slowest member (members train
    /// together, so each records the ensemble's time), summed. Sessions before a resume are not counted.
    /// </summary>
    private static string WallTime(string runsRoot, IReadOnlyList<ReportedClaim> claims) => string.Join("; ", claims
        .Select(c => c.Profile).Distinct().Select(profile =>
        {
            string dir = Path.Combine(runsRoot, profile);
            var grids = Directory.Exists(dir) ? Directory.GetDirectories(dir, "*-grid") : [];
            double seconds = grids.Sum(g => Directory.GetDirectories(g)
                .Select(m => Reading.RunReader.Open(m).WallSeconds).DefaultIfEmpty(0).Max());
            return grids.Length == 0 ? $"{profile} — (no run folders)"
                : $"{profile} {seconds / 60:0.0} min ({grids.Length} grids)";
        }));

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Style =
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}" +
        "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;" +
        "font-size:13px;vertical-align:top}th{background:#f4f4f4}.yes{color:#166a2b}.no{color:#a3161b}" +
        "td.yes{background:#e8f5ea}td.no{background:#fbeaea}td.none{color:#999}" +
        ".undecided{color:#8a5a00}td.undecided{background:#fff6e0}.premise{color:#444;font-size:13px}" +
        ".env{color:#555;font-size:13px}" +
        "figure{margin:1em 0}figure svg{max-width:100%;height:auto}code{font-size:12px}ul.rules{font-size:13px}";
}

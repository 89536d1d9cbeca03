using System.Diagnostics;
using FluentAssertions;
using InitBias.Claims;
using InitBias.Cli;
using InitBias.Reports;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The report as a reader sees it: `initbias report` writes the page, headless Chromium (Debian's `chromium`, which
/// .ci/run installs) renders it, and the rendered DOM has the claims table and every figure the runs hold.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "initbias-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void Chromium_renders_the_claims_table_and_every_figure()
    {
        var snapshots = Path.Combine(Repository.Root()!, "claims", "InitBias.Claims");
        var claims = ReportedClaim.LoadAll(snapshots);
        // One stand-in figure per (profile, figure file) that a claim of that profile shows.
        var figures = claims.SelectMany(c => Figures.ClaimFigures.In(c.Profile).GetValueOrDefault(c.Id, [])
            .Select(f => (c.Profile, File: f))).Distinct().ToList();
        foreach (var (profile, file) in figures)
        {
            var folder = Path.Combine(_dir, "runs", profile, "figures");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, file + ".svg"),
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\">" +
                $"<text x=\"10\" y=\"50\">{profile} {file}</text></svg>");
        }
        var outDir = Path.Combine(_dir, "report");
        CliApp.Run(["report", "--runs", Path.Combine(_dir, "runs"), "--out", outDir]).Should().Be(0);
        var page = Path.Combine(outDir, "report.html");

        string dom = Chromium("--dump-dom", new Uri(page).AbsoluteUri);
        dom.Should().Contain("<table id=\"claims\">");
        foreach (var id in claims.Select(c => c.Id).Distinct()) dom.Should().Contain($"<a href=\"#{id}\">{id}</a>");
        foreach (var (profile, file) in figures) dom.Should().Contain($">{profile} {file}</text>");
        var shot = Path.Combine(_dir, "page.png");
        Chromium($"--screenshot={shot}", "--window-size=1200,1600", new Uri(page).AbsoluteUri);
        new FileInfo(shot).Length.Should().BeGreaterThan(20_000, "a rendered page, not a blank one");
    }

    private static string Chromium(params string[] args)
    {
        var psi = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu" }.Concat(args))
            psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("Debian's chromium is needed (apt-get install chromium; .ci/run does)");
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000).Should().BeTrue("chromium renders a page in seconds");
        return stdout.Result;
    }
}

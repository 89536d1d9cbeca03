using System.CommandLine;
using InitBias.Claims;
using InitBias.Pipeline;

namespace InitBias.Cli;

/// <summary>
/// `initbias claim ID`: runs a claim exactly as its test does and writes the snapshot content it produces.
/// </summary>
public static class ClaimCommand
{
    public static Command Build()
    {
        var id = new Argument<string[]>("id")
        {
            Description = "claim id(s), e.g. C05, or 'all'",
            Arity = ArgumentArity.OneOrMore
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "ci (default, or INITBIAS_PROFILE), full or paper"
        };
        var output = new Option<string?>("--out")
        {
            Description = "folder for run folders, figures and results (default runs/claims at the repository root)"
        };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or auto" };
        var reuse = new Option<bool>("--reuse")
        {
            Description = "reuse completed grid folders whose config, code and environment match (default outside CI)"
        };
        var retrain = new Option<bool>("--retrain") { Description = "train every grid again, even when reusable" };
        var shard = new Option<string?>("--shard")
        {
            Description = "i/n: train only shard i of n of each grid's members into --out; evaluate later without it"
        };
        var evaluatesShards = new Option<string?>("--evaluates-shards")
        {
            Description = "n: the grids were trained by n shard runs; train at most one shard's members, else refuse"
        };
        var cmd = new Command("claim",
            "Run paper claims: train, apply the pre-registered decision rule, write figures and the snapshot content")
        {
            id, profile, output, device, reuse, retrain, shard, evaluatesShards
        };
        cmd.SetAction(p =>
        {
            List<Claim> claims;
            ClaimContext ctx;
            try
            {
                var ids = p.GetValue(id)!;
                if (p.GetValue(reuse) && p.GetValue(retrain))
                    throw new ArgumentException("--reuse and --retrain exclude each other");
                // No snapshot is compared here, so reuse is the default; under CI only when asked.
                bool underCi = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
                ctx = ClaimContext.FromEnvironment(p.GetValue(profile), p.GetValue(device), p.GetValue(output)) with
                {
                    Reuse = !p.GetValue(retrain) && (p.GetValue(reuse) || !underCi ||
                                                     Environment.GetEnvironmentVariable("INITBIAS_REUSE") == "1"),
                    Log = Console.WriteLine,
                    Shard = p.GetValue(shard) is { } text ? Runs.Shard.Parse(text) : null,
                };
                if (p.GetValue(evaluatesShards) is { } n)
                    ctx = ctx with { EvaluatesShards = ClaimContext.ParseShardCount(n, "--evaluates-shards") };
                if (ctx.Shard is not null && ctx.EvaluatesShards is not null)
                    throw new ArgumentException("--shard trains a shard; --evaluates-shards evaluates after them");
                if (ctx.Shard is not null && p.GetValue(retrain))
                    throw new ArgumentException("--shard keeps the members other shards completed; drop --retrain");
                // 'all' means every claim this profile runs; a claim named explicitly must run in the profile.
                bool all = ids.Length == 1 && ids[0] == "all";
                claims = all ? ClaimRegistry.All.Where(c => c.RunsIn.Contains(ctx.Profile)).ToList()
                             : ids.Select(ClaimRegistry.Get).ToList();
                if (claims.FirstOrDefault(c => !c.RunsIn.Contains(ctx.Profile)) is { } other)
                    throw new ArgumentException(
                        $"{other.Id} runs in {string.Join(" and ", other.RunsIn)}, not in {ctx.Profile}");
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"initbias claim: {ex.Message}");
                return 2;
            }
            if (ctx.Shard is not null) return TrainShard(claims, ctx);
            int refused = 0;
            foreach (var claim in claims)
            {
                ClaimRun run;
                try { run = ClaimRunner.Run(claim, ctx); }
                catch (Runs.TrainingRefusedException ex)
                {
                    // Every refusal is reported; the other claims still run (their grids may be complete).
                    Console.Error.WriteLine($"initbias claim {claim.Id}: {ex.Message}");
                    refused++;
                    continue;
                }
                Console.WriteLine(run.Result.Summary());
                Console.WriteLine(
                    $"  recorded status at {ctx.Profile}: {ExpectedStatus.Text(claim.Expected.For(ctx.Profile))}");
                foreach (var failure in run.FigureFailures) Console.WriteLine($"  {failure}");
                Console.WriteLine($"  snapshot content: {run.ResultPath}");
            }
            Console.WriteLine($"figures: {Path.Combine(ctx.OutRoot, "figures")}");
            return refused == 0 ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Trains the shard's share of every grid the claims read; evaluates nothing.</summary>
    private static int TrainShard(List<Claim> claims, ClaimContext ctx)
    {
        try
        {
            var missing = claims.SelectMany(c => ClaimRunner.TrainShard(c, ctx)).Distinct().ToList();
            Console.WriteLine(missing.Count == 0
                ? $"every grid these claims read is complete in {ctx.OutRoot}; evaluate with `initbias claim " +
                  $"{string.Join(" ", claims.Select(c => c.Id))} --out {Path.GetDirectoryName(ctx.OutRoot)}`"
                : $"shard {ctx.Shard} done; other shards must still train {missing.Count} members: " +
                  string.Join(", ", missing));
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"initbias claim: {ex.Message}");
            return 2;
        }
    }
}

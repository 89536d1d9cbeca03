namespace InitBias.Runs;

/// <summary>
/// Shard i of n (1-based) of a grid's members: every n-th member from the i-th, so each shard gets a mix of γ and
/// seeds. Each shard trains as its own ensemble into the shared run root; the union of all shards is the grid.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Parses "i/n" with 1 ≤ i ≤ n.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n)
            && n >= 1 && i >= 1 && i <= n)
            return new Shard(i, n);
        throw new ArgumentException($"--shard: '{text}' is not i/n with 1 ≤ i ≤ n (for example 2/4)");
    }

    /// <summary>
    /// Every shard of a grid must hold at least two members: torch multiplies a one-member ensemble's matrices with
    /// another kernel (one multithreaded GEMM instead of one GEMM per member), and its numbers then differ from the
    /// whole grid's in the last bits (measured: Emb-MLP, 2e-9 relative after 10 steps), so shards would not add up to
    /// the grid.
    /// </summary>
    public void Check(int members)
    {
        if (members / Count < 2)
            throw new ArgumentException($"--shard {this}: a grid of {members} members gives shards of " +
                                        $"{members / Count}; every shard needs at least 2 (use n ≤ {members / 2})");
    }

    public List<T> Take<T>(IEnumerable<T> members) => members.Where((_, k) => k % Count == Index - 1).ToList();

    public override string ToString() => $"{Index}/{Count}";
}

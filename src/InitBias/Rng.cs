namespace InitBias;

/// <summary>
/// A private, seeded generator (xoshiro256**, seeded through SplitMix64) for managed-side randomness such as data
/// generation. Its output depends only on the seed, never on the .NET version, so data sets are reproducible anywhere.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>Derives an independent seed for a named stream ("init", "data", "order") of a run seed.</summary>
    public static ulong Derive(long seed, string stream)
    {
        ulong h = 1469598103934665603UL; // FNV-1a over the stream name keeps derivation readable and stable
        foreach (char c in stream) { h ^= c; h *= 1099511628211UL; }
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ h;
        return SplitMix(ref x) & 0x7FFF_FFFF_FFFF_FFFFUL; // torch generators take a non-negative 63-bit seed happily
    }

    public ulong NextULong()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n), unbiased (rejection sampling).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong bound = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do { r = NextULong(); } while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int NextInclusive(int lo, int hi) => lo + NextInt(hi - lo + 1);

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

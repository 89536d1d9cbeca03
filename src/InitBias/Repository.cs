namespace InitBias;

/// <summary>The repository's root folder (the one that holds InitBias.sln), for fixtures, CLAIMS.md and outputs.
/// </summary>
public static class Repository
{
    /// <summary>Walks up from the assembly's folder, then from the working folder; null outside a checkout.</summary>
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InitBias.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InitBias.sln"))) return dir.FullName;
        return null;
    }
}

namespace InitBias.Tests.Integration;

/// <summary>
/// The setup the run-folder tests share (resume, shards, reuse): a fresh temporary folder per test, deleted after,
/// and the grids this process trained forgotten, as a new process would.
/// </summary>
public abstract class TempFolderTest : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("initbias-test-").FullName;

    public void Dispose()
    {
        Runs.GridTraining.ForgetTrained();
        Directory.Delete(Dir, true);
    }
}

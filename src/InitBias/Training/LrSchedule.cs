namespace InitBias.Training;

/// <summary>
/// GradualWarmupScheduler + cosine, stepped per batch (spec §6): lr rises linearly from base to base·m over the
/// warm-up steps, then follows a cosine from base·m down to MinLr at the last step.
/// </summary>
public sealed class LrSchedule(TrainConfig c)
{
    private readonly int _warmup = (int)Math.Round(c.WarmupFraction * c.Steps);

    public double At(int step)
    {
        double peak = c.BaseLr * c.WarmupMultiplier;
        if (step < _warmup) return c.BaseLr * ((c.WarmupMultiplier - 1) * step / _warmup + 1);
        int span = Math.Max(1, c.Steps - 1 - _warmup);
        double t = Math.Min(1.0, (double)(step - _warmup) / span);
        return c.MinLr + (peak - c.MinLr) * (1 + Math.Cos(Math.PI * t)) / 2;
    }
}

using TorchSharp;

namespace InitBias;

/// <summary>
/// What a CUDA run sets before its first kernel, so that its numbers are as reproducible as CUDA allows: TF32 off
/// for matmuls and for cuDNN (libtorch's default lets cuDNN use TF32), so fp32 means fp32; cuBLAS's deterministic
/// workspace comes from CUBLAS_WORKSPACE_CONFIG (NativeEnvironment), and the embedding's backward from a one-hot
/// matmul instead of index_select's atomics (StackedEmbedding). The settings are recorded in the run folder and the
/// snapshot environment (GpuInfo). torch.use_deterministic_algorithms is not available in TorchSharp 0.107.
/// </summary>
public static class CudaSettings
{
    public static void Apply()
    {
        torch.backends.cuda.matmul.allow_tf32 = false;
        torch.backends.cudnn.allow_tf32 = false;
    }

    public static bool Tf32Matmul => torch.backends.cuda.matmul.allow_tf32;
    public static bool Tf32Cudnn => torch.backends.cudnn.allow_tf32;
}

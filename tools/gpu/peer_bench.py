#!/usr/bin/env python3
"""PyTorch peer of io.jgrad.kernels.cuda.CudaBench on the same GPU: torch.matmul (cuBLAS; FP32 with
TF32 disabled, then TF32), torch.add and torch.softmax over rows, and a device-to-device copy, timed
the same way (median of synchronized repetitions after warm-up). Prints
"torch,<bench>,<size>,<ms>,<rate>,<unit>" lines.
    python3 tools/gpu/peer_bench.py [sizes=1024,4096,8192] [reps=10]
"""
import sys
import time

import torch


def median_ms(fn, warm, reps):
    for _ in range(warm):
        fn()
    torch.cuda.synchronize()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        t.append((time.perf_counter() - t0) * 1e3)
    t.sort()
    return t[reps // 2]


def line(bench, size, ms, rate, unit):
    print(f"torch,{bench},{size},{ms:.4f},{rate:.1f},{unit}", flush=True)


def main():
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1024,4096,8192").split(",")]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if not torch.cuda.is_available():
        print("# torch: no CUDA device")
        return
    print(f"# torch {torch.__version__} cuda {torch.version.cuda} device {torch.cuda.get_device_name(0)}")
    torch.manual_seed(0)
    for n in sizes:
        a = torch.randn(n, n, device="cuda")
        b = torch.randn(n, n, device="cuda")
        for tf32 in (False, True):
            torch.backends.cuda.matmul.allow_tf32 = tf32
            r = max(3, reps // 3) if n >= 8192 else reps
            ms = median_ms(lambda: torch.matmul(a, b), 2, r)
            line("sgemm_tf32" if tf32 else "sgemm_fp32", n, ms, 2.0 * n ** 3 / (ms * 1e-3) / 1e9, "GFLOP/s")
        torch.backends.cuda.matmul.allow_tf32 = False
        del a, b
    m = 1 << 26
    x = torch.randn(m, device="cuda")
    y = torch.randn(m, device="cuda")
    z = torch.empty(m, device="cuda")
    ms = median_ms(lambda: z.copy_(x), 3, reps)
    line("copy_d2d", "64Mi", ms, 2.0 * 4 * m / (ms * 1e-3) / 1e9, "GB/s")
    ms = median_ms(lambda: torch.add(x, y, out=z), 3, reps)
    line("add_f32", "64Mi", ms, 3.0 * 4 * m / (ms * 1e-3) / 1e9, "GB/s")
    rows, cols = 16384, 4096
    sx = x.view(rows, cols)
    ms = median_ms(lambda: torch.softmax(sx, dim=1), 3, reps)  # a new output each call, from torch's cache
    line("softmax_rows_f32", f"{rows}x{cols}", ms, 2.0 * 4 * m / (ms * 1e-3) / 1e9, "GB/s")


if __name__ == "__main__":
    main()

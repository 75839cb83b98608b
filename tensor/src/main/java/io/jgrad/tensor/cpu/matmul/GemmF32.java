package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.cpu.CpuBuffer;
import io.jgrad.tensor.cpu.Parallel;
import io.jgrad.tensor.spi.View;

/**
 * Float32 batched product: picks, per call, between the direct kernel (small or
 * matrix-vector products) and the packed, blocked one, and spreads the work over
 * {@link Parallel}'s threads: inside one product when it is large, over the batch otherwise.
 */
final class GemmF32 {
  private GemmF32() {}

  static void gemm(View a, View b, View out) {
    int batch = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    float[] x = ((CpuBuffer) a.buffer()).f32(), y = ((CpuBuffer) b.buffer()).f32();
    float[] o = ((CpuBuffer) out.buffer()).f32();
    long flops = 2L * m * n * k;
    if (batch == 1 || flops >= Gemm.PARALLEL_FLOPS) {
      int threads = flops >= Gemm.PARALLEL_FLOPS ? Parallel.threads() : 1;
      for (int p = 0; p < batch; p++) one(a, x, b, y, out, o, p, m, n, k, threads);
    } else {
      Parallel.forRange(batch, (lo, hi) -> {
        for (int p = lo; p < hi; p++) one(a, x, b, y, out, o, p, m, n, k, 1);
      });
    }
  }

  private static void one(View a, float[] x, View b, float[] y, View out, float[] o,
                          int p, int m, int n, int k, int threads) {
    int ao = a.offset() + p * a.stride(0), bo = b.offset() + p * b.stride(0), co = out.offset() + p * out.stride(0);
    int ars = a.stride(1), acs = a.stride(2), brs = b.stride(1), bcs = b.stride(2);
    int ldc = out.stride(1), cs = n == 1 ? 1 : out.stride(2);
    if (cs != 1 && !Gemm.direct(m, n, k)) {
      // a strided output (e.g. a transposed view): compute into a dense tile, then scatter
      float[] tmp = Scratch.outF32(m * n);
      BlockedF32.gemm(x, ao, ars, acs, y, bo, brs, bcs, tmp, 0, n, m, n, k, threads);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) o[co + i * ldc + j * cs] = tmp[i * n + j];
      }
    } else if (Gemm.direct(m, n, k) || cs != 1) {
      if (threads == 1) {
        DirectF32.gemm(x, ao, ars, acs, y, bo, brs, bcs, o, co, ldc, cs, 0, m, 0, n, k);
      } else if (m >= n) {
        Parallel.forRange(m, (i0, i1) -> DirectF32.gemm(x, ao, ars, acs, y, bo, brs, bcs, o, co, ldc, cs, i0, i1, 0, n, k));
      } else {
        Parallel.forRange(n, (j0, j1) -> DirectF32.gemm(x, ao, ars, acs, y, bo, brs, bcs, o, co, ldc, cs, 0, m, j0, j1, k));
      }
    } else {
      BlockedF32.gemm(x, ao, ars, acs, y, bo, brs, bcs, o, co, ldc, m, n, k, threads);
    }
  }
}

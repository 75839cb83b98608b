package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/**
 * Batched matmul on OpenCL ({@code matmul.cl}): {@code out[b] = a[b] @ bm[b]} for a [B,M,K],
 * bm [B,K,N], out [B,M,N] with any strides (stride 0 = broadcast batch, transposed views read
 * in place). One 16x16 work-group per 64x64 tile of out, 4x4 outputs per work-item, K staged
 * through local memory in slices of 16. Float32/float64 accumulate in their own type (like the
 * CPU's scalar twin, in another order, so results differ in the last bits); int32/int64 wrap.
 * Every output element is written (K = 0 gives zeros).
 */
final class ClMatmul {
  private static final int TILE = 64, GROUP = 16;

  private final ClContext ctx;

  ClMatmul(ClContext ctx) { this.ctx = ctx; }

  void matmul(View a, View bm, View out) {
    check(a, bm, out);
    if (out.numel() == 0) return;
    int batch = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    var kernel = ctx.kernel("matmul.cl", ClTypes.define("T", out.dtype()), "matmul");
    long[] global = {(long) Math.ceilDiv(n, TILE) * GROUP, (long) Math.ceilDiv(m, TILE) * GROUP, batch};
    ctx.launch(kernel, global, new long[] {GROUP, GROUP, 1},
        ClBuffer.of(a, ctx, "matmul"), a.offset(), a.stride(0), a.stride(1), a.stride(2),
        ClBuffer.of(bm, ctx, "matmul"), bm.offset(), bm.stride(0), bm.stride(1), bm.stride(2),
        ClBuffer.of(out, ctx, "matmul"), out.offset(), out.stride(0), out.stride(1), out.stride(2),
        m, n, k);
  }

  private void check(View a, View b, View out) {
    if (a.rank() != 3 || b.rank() != 3 || out.rank() != 3 || a.size(0) != out.size(0) || b.size(0) != out.size(0)
        || a.size(1) != out.size(1) || b.size(2) != out.size(2) || a.size(2) != b.size(1)) {
      throw new IllegalArgumentException("matmul: expected a [B,M,K], b [B,K,N], out [B,M,N], got "
          + Arrays.toString(a.shape()) + ", " + Arrays.toString(b.shape()) + ", " + Arrays.toString(out.shape()));
    }
    DType t = out.dtype();
    if (t == DType.BOOL || a.dtype() != t || b.dtype() != t) {
      throw new IllegalArgumentException("matmul: unsupported dtypes " + a.dtype() + ", " + b.dtype() + " -> " + t);
    }
    ctx.requireDtype(t, "matmul");
  }
}

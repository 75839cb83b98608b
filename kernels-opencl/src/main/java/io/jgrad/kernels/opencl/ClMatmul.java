package io.jgrad.kernels.opencl;

import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.clGetDeviceInfo;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;
import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * Batched matmul on OpenCL ({@code matmul.cl}): {@code out[b] = a[b] @ bm[b]} for a [B,M,K],
 * bm [B,K,N], out [B,M,N] with any strides (stride 0 = broadcast batch, transposed views read
 * in place). On GPUs (and every non-CPU device) one 16x16 work-group computes a 64x64 tile of
 * out, 4x4 outputs per work-item, K staged through local memory in slices of 16; on CPU devices
 * (pocl) each work-item computes a 4x4 block straight from global memory, which is faster there.
 * Float32/float64 accumulate in their own type (like the CPU's scalar twin, in another order,
 * so results differ in the last bits); int32/int64 wrap. Every output element is written (K = 0
 * gives zeros).
 */
final class ClMatmul {
  private static final int TILE = 64, GROUP = 16, BLOCK = 4;

  /** Which kernel runs: TILED (local memory) or DIRECT (no local memory). */
  enum Variant { TILED, DIRECT }

  private final ClContext ctx;
  private final Variant preferred;

  ClMatmul(ClContext ctx) {
    this.ctx = ctx;
    long[] type = new long[1];
    int st = clGetDeviceInfo(ctx.info().device(), CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
    OpenClException.check(st, "clGetDeviceInfo(CL_DEVICE_TYPE)");
    this.preferred = (type[0] & CL_DEVICE_TYPE_CPU) != 0 ? Variant.DIRECT : Variant.TILED;
  }

  void matmul(View a, View bm, View out) { matmul(a, bm, out, preferred); }

  /** The product with a chosen kernel (tests run both on every device). */
  void matmul(View a, View bm, View out, Variant variant) {
    check(a, bm, out);
    if (out.numel() == 0) return;
    int batch = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    long[] global = variant == Variant.TILED
        ? new long[] {(long) Math.ceilDiv(n, TILE) * GROUP, (long) Math.ceilDiv(m, TILE) * GROUP, batch}
        : new long[] {roundUp(Math.ceilDiv(n, BLOCK)), roundUp(Math.ceilDiv(m, BLOCK)), batch};
    String name = variant == Variant.TILED ? "matmul" : "matmul_direct";
    ctx.launch(ctx.kernel("matmul.cl", ClTypes.define("T", out.dtype()), name), global, new long[] {GROUP, GROUP, 1},
        ClBuffer.of(a, ctx, "matmul"), a.offset(), a.stride(0), a.stride(1), a.stride(2),
        ClBuffer.of(bm, ctx, "matmul"), bm.offset(), bm.stride(0), bm.stride(1), bm.stride(2),
        ClBuffer.of(out, ctx, "matmul"), out.offset(), out.stride(0), out.stride(1), out.stride(2),
        m, n, k);
  }

  private static long roundUp(int items) { return (long) Math.ceilDiv(items, GROUP) * GROUP; }

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

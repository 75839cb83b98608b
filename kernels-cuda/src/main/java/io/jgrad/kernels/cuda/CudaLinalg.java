package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;
import jcuda.driver.CUdeviceptr;

/** Batched matmul ({@code matmul.cu}), im2col/col2im and pooling ({@code conv.cu}). */
final class CudaLinalg {
  private static final int MAX_Z = 65535;
  private final CudaBackend be;

  CudaLinalg(CudaBackend be) { this.be = be; }

  /** The {@code Strides3} struct {long batch; int row; int col} as 4 ints (little-endian). */
  private static int[] strides3(View v) {
    long b = v.stride(0);
    return new int[] {(int) b, (int) (b >>> 32), v.stride(1), v.stride(2)};
  }

  void matmul(View a, View b, View out) {
    if (out.numel() == 0) return;
    int batches = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    DType t = out.dtype();
    CUdeviceptr pa = be.at(a), pb = be.at(b), po = be.at(out);
    // offsets are folded into the pointers, so the kernels see offset 0
    Object[] args = {m, n, k, pa, strides3(a), pb, strides3(b), po, strides3(out), batches};
    int gz = Math.min(batches, MAX_Z);
    java.util.function.Supplier<String> what = () -> "matmul " + a + " @ " + b + " -> " + out;
    switch (t) {
      case FLOAT32 -> {
        Kernel kern = be.tf32 ? Kernel.SGEMM_TF32 : vectorizable(a, b, k, n) ? Kernel.SGEMM_VEC : Kernel.SGEMM_STRIDED;
        be.ctx.launch(kern, (n + 127) / 128, (m + 127) / 128, gz, 256, 0, what, args);
      }
      case FLOAT64 -> be.ctx.launch(Kernel.DGEMM_STRIDED, (n + 63) / 64, (m + 63) / 64, gz, 256, 0, what, args);
      case INT32 -> be.ctx.launchN(Kernel.IMATMUL_I32, (long) batches * m * n, what, args);
      case INT64 -> be.ctx.launchN(Kernel.IMATMUL_I64, (long) batches * m * n, what, args);
      default -> throw new IllegalArgumentException("matmul: unsupported dtype " + t);
    }
  }

  /** float4 loads: a k-contiguous, bm n-contiguous, every row and batch start 16-byte aligned. */
  private static boolean vectorizable(View a, View b, int k, int n) {
    return a.stride(2) == 1 && a.stride(1) % 4 == 0 && a.stride(0) % 4 == 0 && a.offset() % 4 == 0 && k % 4 == 0
        && b.stride(2) == 1 && b.stride(1) % 4 == 0 && b.stride(0) % 4 == 0 && b.offset() % 4 == 0 && n % 4 == 0;
  }

  private static int[] window(Window2d w) {
    return new int[] {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), w.dilationH(), w.dilationW()};
  }

  private static void checkCols(String op, View x, Window2d w, View cols) {
    if (x.rank() != 4 || cols.rank() != 3) {
      throw new IllegalArgumentException(op + ": expected x [N,C,H,W] and cols [N,K,L], got x " + Arrays.toString(x.shape())
          + " and cols " + Arrays.toString(cols.shape()));
    }
    long k = (long) x.size(1) * w.kernelH() * w.kernelW(), l = (long) w.outH(x.size(2)) * w.outW(x.size(3));
    if (x.dtype() != cols.dtype() || cols.size(0) != x.size(0) || cols.size(1) != k || cols.size(2) != l) {
      throw new IllegalArgumentException(op + ": cols " + cols + " does not match x " + x + " and " + w
          + ": expected [" + x.size(0) + ", " + k + ", " + l + "]");
    }
  }

  void im2col(View x, Window2d w, View cols) {
    checkCols("im2col", x, w, cols);
    long n = cols.numel();
    be.ctx.launchN(Kernel.IM2COL_STRIDED, n, () -> "im2col " + x + " " + w, Lay.of(x, "im2col"), Lay.of(cols, "im2col"),
        window(w), w.outH(x.size(2)), w.outW(x.size(3)), x.dtype().byteSize(), be.ptr(x), be.ptr(cols), n);
  }

  void col2im(View cols, Window2d w, View x) {
    checkCols("col2im", x, w, cols);
    long n = x.numel();
    be.ctx.launchN(Kernel.COL2IM_GATHER, n, () -> "col2im " + cols + " " + w, Lay.of(cols, "col2im"), Lay.of(x, "col2im"),
        window(w), w.outH(x.size(2)), w.outW(x.size(3)), x.dtype().ordinal(), be.ptr(cols), be.ptr(x), n);
  }

  void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    if (x.rank() != 4 || out.rank() != 4 || out.size(0) != x.size(0) || out.size(1) != x.size(1)) {
      throw new IllegalArgumentException("pool2d: expected x [N,C,H,W] and out [N,C,oH,oW], got x "
          + Arrays.toString(x.shape()) + " and out " + Arrays.toString(out.shape()));
    }
    boolean ok = x.dtype().isFloatingPoint()
        || (x.dtype() == DType.INT64 && (mode == PoolMode.AVG || mode == PoolMode.AVG_EXCLUDE_PAD));
    if (!ok || out.dtype() != x.dtype()) {
      throw new IllegalArgumentException("pool2d: " + mode + " is not implemented for x " + x.dtype() + " and out " + out.dtype());
    }
    long n = out.numel();
    int[] il = indices == null ? Lay.contiguous(0, 0) : Lay.of(indices, "pool2d");
    CUdeviceptr ip = indices == null ? new CUdeviceptr() : be.ptr(indices);
    be.ctx.launchN(Kernel.POOL2D_STRIDED, n, () -> mode + " pool2d " + x + " " + w, mode.ordinal(), Lay.of(x, "pool2d"),
        Lay.of(out, "pool2d"), il, window(w), x.dtype().ordinal(), be.ptr(x), be.ptr(out), ip, n);
  }
}

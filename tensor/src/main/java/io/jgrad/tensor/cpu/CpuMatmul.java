package io.jgrad.tensor.cpu;

import io.jgrad.tensor.cpu.matmul.Gemm;
import io.jgrad.tensor.spi.View;

/**
 * Batched matrix product {@code out[b] = a[b] @ bm[b]} on the CPU: a [B,M,K], bm [B,K,N],
 * out [B,M,N], any strides (0 = broadcast batch). Float32 and float64 go to the packed,
 * register-tiled kernels in {@code cpu.matmul} unless {@link CpuBackend#scalarOnly()}; the
 * scalar loops here are their reference twins (and the int kernels). Every output element is
 * written, so out need not be zeroed (K = 0 gives zeros).
 */
final class CpuMatmul {
  private CpuMatmul() {}

  static void matmul(View a, View b, View out) {
    if (out.numel() == 0) return;
    boolean scalar = CpuBackend.scalarOnly();
    switch (out.dtype()) {
      case FLOAT32 -> {
        if (scalar) scalarF32(a, b, out);
        else Gemm.sgemm(a, b, out);
      }
      case FLOAT64 -> {
        if (scalar) scalarF64(a, b, out);
        else Gemm.dgemm(a, b, out);
      }
      case INT32 -> scalarI32(a, b, out);
      case INT64 -> scalarI64(a, b, out);
      default -> throw new IllegalArgumentException("matmul: unsupported dtype " + out.dtype());
    }
  }

  /** Reference float32 product: one float accumulator per output, k in order. */
  static void scalarF32(View a, View b, View out) {
    float[] x = ((CpuBuffer) a.buffer()).f32(), y = ((CpuBuffer) b.buffer()).f32();
    float[] o = ((CpuBuffer) out.buffer()).f32();
    int bs = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    for (int p = 0; p < bs; p++) {
      int ab = a.offset() + p * a.stride(0), bb = b.offset() + p * b.stride(0), ob = out.offset() + p * out.stride(0);
      for (int i = 0; i < m; i++) {
        int ai = ab + i * a.stride(1);
        for (int j = 0; j < n; j++) {
          int bj = bb + j * b.stride(2);
          float acc = 0;
          for (int q = 0; q < k; q++) acc += x[ai + q * a.stride(2)] * y[bj + q * b.stride(1)];
          o[ob + i * out.stride(1) + j * out.stride(2)] = acc;
        }
      }
    }
  }

  /** Reference float64 product. */
  static void scalarF64(View a, View b, View out) {
    double[] x = ((CpuBuffer) a.buffer()).f64(), y = ((CpuBuffer) b.buffer()).f64();
    double[] o = ((CpuBuffer) out.buffer()).f64();
    int bs = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    for (int p = 0; p < bs; p++) {
      int ab = a.offset() + p * a.stride(0), bb = b.offset() + p * b.stride(0), ob = out.offset() + p * out.stride(0);
      for (int i = 0; i < m; i++) {
        int ai = ab + i * a.stride(1);
        for (int j = 0; j < n; j++) {
          int bj = bb + j * b.stride(2);
          double acc = 0;
          for (int q = 0; q < k; q++) acc += x[ai + q * a.stride(2)] * y[bj + q * b.stride(1)];
          o[ob + i * out.stride(1) + j * out.stride(2)] = acc;
        }
      }
    }
  }

  /** Int32 product, wrapping on overflow as torch does. */
  static void scalarI32(View a, View b, View out) {
    int[] x = ((CpuBuffer) a.buffer()).i32(), y = ((CpuBuffer) b.buffer()).i32();
    int[] o = ((CpuBuffer) out.buffer()).i32();
    int bs = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    for (int p = 0; p < bs; p++) {
      int ab = a.offset() + p * a.stride(0), bb = b.offset() + p * b.stride(0), ob = out.offset() + p * out.stride(0);
      for (int i = 0; i < m; i++) {
        int ai = ab + i * a.stride(1);
        for (int j = 0; j < n; j++) {
          int bj = bb + j * b.stride(2);
          int acc = 0;
          for (int q = 0; q < k; q++) acc += x[ai + q * a.stride(2)] * y[bj + q * b.stride(1)];
          o[ob + i * out.stride(1) + j * out.stride(2)] = acc;
        }
      }
    }
  }

  /** Int64 product, wrapping on overflow. */
  static void scalarI64(View a, View b, View out) {
    long[] x = ((CpuBuffer) a.buffer()).i64(), y = ((CpuBuffer) b.buffer()).i64();
    long[] o = ((CpuBuffer) out.buffer()).i64();
    int bs = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
    for (int p = 0; p < bs; p++) {
      int ab = a.offset() + p * a.stride(0), bb = b.offset() + p * b.stride(0), ob = out.offset() + p * out.stride(0);
      for (int i = 0; i < m; i++) {
        int ai = ab + i * a.stride(1);
        for (int j = 0; j < n; j++) {
          int bj = bb + j * b.stride(2);
          long acc = 0;
          for (int q = 0; q < k; q++) acc += x[ai + q * a.stride(2)] * y[bj + q * b.stride(1)];
          o[ob + i * out.stride(1) + j * out.stride(2)] = acc;
        }
      }
    }
  }
}

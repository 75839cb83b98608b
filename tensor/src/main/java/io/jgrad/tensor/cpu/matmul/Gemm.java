package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.spi.View;

/**
 * Entry point of the packed CPU matrix products, {@code out[p] = a[p] @ b[p]} for views a
 * [B,M,K], b [B,K,N], out [B,M,N] with any strides. The family:
 * <ul>
 *   <li>{@code Kernel*}: register-tiled micro-kernels (Vector API FMA);
 *   <li>{@code Pack*}: copying blocks of A and B, any strides, into the kernels' panels;
 *   <li>{@code Blocked*}: the cache blocking loop nest and its split over threads;
 *   <li>{@code Direct*}: unpacked kernels for small and matrix-vector products;
 *   <li>{@code Gemm*}: per-dtype dispatch and batch parallelism; {@code Scratch}: reused buffers.
 * </ul>
 * The scalar reference lives in {@code cpu.CpuMatmul}; MatmulDifferentialTest compares the two.
 */
public final class Gemm {
  private Gemm() {}

  /** Products below this many flops run on one thread (measured: see MatmulBench). */
  static final long PARALLEL_FLOPS = 2L * 64 * 64 * 64;

  /** Float32 product; every element of out is written. */
  public static void sgemm(View a, View b, View out) { GemmF32.gemm(a, b, out); }

  /** Float64 product; every element of out is written. */
  public static void dgemm(View a, View b, View out) { GemmF64.gemm(a, b, out); }

  /** True when packing would cost more than it saves: small products and matrix-vector shapes. */
  static boolean direct(int m, int n, int k) {
    return (long) m * n * k < 32 * 1024 || m <= 2 || n <= 2 || k <= 2;
  }
}

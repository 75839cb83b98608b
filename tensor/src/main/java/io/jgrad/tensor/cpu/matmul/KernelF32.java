package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.cpu.CpuConfig;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 micro-kernels: {@code C[MR x NR] += Ap * Bp} over kc steps, where Ap holds MR values
 * of A per k and Bp holds NR = 2 vectors of B per k (see {@link PackF32}). Each k broadcasts MR
 * values of A and issues 2*MR independent FMAs into MR*2 accumulators that stay in registers.
 *
 * <p>The tile is written out by hand because Java has no arrays of registers. MR is
 * {@link CpuConfig#TILE_ROWS}: 12 rows (24 accumulators) need the 32 vector registers of
 * AVX-512; with 16 registers (AVX2) C2 spills at 5 or 6 rows, and 4 rows (8 accumulators: FMA
 * latency 4 times 2 pipes) ran best. Both tiles exist on every machine, so either can be
 * forced ({@code -Djgrad.cpu.tile}) and tested anywhere.
 *
 * <p>Every accumulator must stay a register from the first FMA to the last store: passing
 * one to a method C2 does not inline boxes it, and then every FMA of the k loop allocates a
 * vector object (this happened with an epilogue helper that C2 refused to inline in the
 * 12-row tile: "NodeCountInliningCutoff", 2 GB of garbage per 1024-cubed product). So the
 * epilogue stores are written inline, and no method here passes a vector to another one.
 * KernelAllocationTest checks that each tile allocates nothing once compiled.
 */
final class KernelF32 {
  private KernelF32() {}

  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final int L = F.length();
  static final int NR = 2 * L;
  static final int MR = CpuConfig.TILE_ROWS;

  /** c[co + r*ldc + j] += sum_k a[ao + k*MR + r] * b[bo + k*NR + j] for a full MR x NR tile. */
  static void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
    if (MR == 12) tile12(kc, a, ao, b, bo, c, co, ldc);
    else tile4(kc, a, ao, b, bo, c, co, ldc);
  }

  /** The same for a partial tile (rows < MR or cols < NR): full tile into scratch, then the valid part. */
  static void edge(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, int rows, int cols) {
    float[] t = Scratch.tileF32(MR * NR);
    java.util.Arrays.fill(t, 0f);
    tile(kc, a, ao, b, bo, t, 0, NR);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) c[co + r * ldc + j] += t[r * NR + j];
    }
  }

  static void tile4(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    for (int k = 0; k < kc; k++) {
      int ai = ao + k * 4, bi = bo + k * NR;
      FloatVector b0 = FloatVector.fromArray(F, b, bi), b1 = FloatVector.fromArray(F, b, bi + L);
      FloatVector x = FloatVector.broadcast(F, a[ai]);
      c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(F, a[ai + 1]);
      c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(F, a[ai + 2]);
      c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(F, a[ai + 3]);
      c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
    }
    int o0 = co;
    c00.add(FloatVector.fromArray(F, c, o0)).intoArray(c, o0);
    c01.add(FloatVector.fromArray(F, c, o0 + L)).intoArray(c, o0 + L);
    int o1 = co + ldc;
    c10.add(FloatVector.fromArray(F, c, o1)).intoArray(c, o1);
    c11.add(FloatVector.fromArray(F, c, o1 + L)).intoArray(c, o1 + L);
    int o2 = co + 2 * ldc;
    c20.add(FloatVector.fromArray(F, c, o2)).intoArray(c, o2);
    c21.add(FloatVector.fromArray(F, c, o2 + L)).intoArray(c, o2 + L);
    int o3 = co + 3 * ldc;
    c30.add(FloatVector.fromArray(F, c, o3)).intoArray(c, o3);
    c31.add(FloatVector.fromArray(F, c, o3 + L)).intoArray(c, o3 + L);
  }

  /**
   * tile4 reading A in place ({@code a[ao + r*ars + k*acs]}) instead of from a packed panel: for
   * products with one or two B panels (small N), where packing A would cost as much as the FMAs.
   */
  static void tile4Strided(int kc, float[] a, int ao, int ars, int acs, float[] b, int bo, float[] c, int co, int ldc) {
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    for (int k = 0; k < kc; k++) {
      int ai = ao + k * acs, bi = bo + k * NR;
      FloatVector b0 = FloatVector.fromArray(F, b, bi), b1 = FloatVector.fromArray(F, b, bi + L);
      FloatVector x = FloatVector.broadcast(F, a[ai]);
      c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(F, a[ai + ars]);
      c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(F, a[ai + 2 * ars]);
      c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(F, a[ai + 3 * ars]);
      c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
    }
    int o0 = co;
    c00.add(FloatVector.fromArray(F, c, o0)).intoArray(c, o0);
    c01.add(FloatVector.fromArray(F, c, o0 + L)).intoArray(c, o0 + L);
    int o1 = co + ldc;
    c10.add(FloatVector.fromArray(F, c, o1)).intoArray(c, o1);
    c11.add(FloatVector.fromArray(F, c, o1 + L)).intoArray(c, o1 + L);
    int o2 = co + 2 * ldc;
    c20.add(FloatVector.fromArray(F, c, o2)).intoArray(c, o2);
    c21.add(FloatVector.fromArray(F, c, o2 + L)).intoArray(c, o2 + L);
    int o3 = co + 3 * ldc;
    c30.add(FloatVector.fromArray(F, c, o3)).intoArray(c, o3);
    c31.add(FloatVector.fromArray(F, c, o3 + L)).intoArray(c, o3 + L);
  }

  /** tile4Strided for a partial tile (cols < NR; all 4 rows exist): into scratch, then the valid columns. */
  static void edge4Strided(int kc, float[] a, int ao, int ars, int acs, float[] b, int bo, float[] c, int co, int ldc,
                           int cols) {
    float[] t = Scratch.tileF32(MR * NR);
    java.util.Arrays.fill(t, 0);
    tile4Strided(kc, a, ao, ars, acs, b, bo, t, 0, NR);
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < cols; j++) c[co + r * ldc + j] += t[r * NR + j];
    }
  }

  static void tile12(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
    FloatVector z = FloatVector.zero(F);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
    FloatVector c60 = z, c61 = z, c70 = z, c71 = z, c80 = z, c81 = z;
    FloatVector c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
    for (int k = 0; k < kc; k++, ao += 12, bo += NR) {
      FloatVector b0 = FloatVector.fromArray(F, b, bo), b1 = FloatVector.fromArray(F, b, bo + L);
      FloatVector x = FloatVector.broadcast(F, a[ao]);
      c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(F, a[ao + 1]);
      c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(F, a[ao + 2]);
      c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(F, a[ao + 3]);
      c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
      x = FloatVector.broadcast(F, a[ao + 4]);
      c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
      x = FloatVector.broadcast(F, a[ao + 5]);
      c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
      x = FloatVector.broadcast(F, a[ao + 6]);
      c60 = b0.fma(x, c60); c61 = b1.fma(x, c61);
      x = FloatVector.broadcast(F, a[ao + 7]);
      c70 = b0.fma(x, c70); c71 = b1.fma(x, c71);
      x = FloatVector.broadcast(F, a[ao + 8]);
      c80 = b0.fma(x, c80); c81 = b1.fma(x, c81);
      x = FloatVector.broadcast(F, a[ao + 9]);
      c90 = b0.fma(x, c90); c91 = b1.fma(x, c91);
      x = FloatVector.broadcast(F, a[ao + 10]);
      ca0 = b0.fma(x, ca0); ca1 = b1.fma(x, ca1);
      x = FloatVector.broadcast(F, a[ao + 11]);
      cb0 = b0.fma(x, cb0); cb1 = b1.fma(x, cb1);
    }
    int o0 = co;
    c00.add(FloatVector.fromArray(F, c, o0)).intoArray(c, o0);
    c01.add(FloatVector.fromArray(F, c, o0 + L)).intoArray(c, o0 + L);
    int o1 = co + ldc;
    c10.add(FloatVector.fromArray(F, c, o1)).intoArray(c, o1);
    c11.add(FloatVector.fromArray(F, c, o1 + L)).intoArray(c, o1 + L);
    int o2 = co + 2 * ldc;
    c20.add(FloatVector.fromArray(F, c, o2)).intoArray(c, o2);
    c21.add(FloatVector.fromArray(F, c, o2 + L)).intoArray(c, o2 + L);
    int o3 = co + 3 * ldc;
    c30.add(FloatVector.fromArray(F, c, o3)).intoArray(c, o3);
    c31.add(FloatVector.fromArray(F, c, o3 + L)).intoArray(c, o3 + L);
    int o4 = co + 4 * ldc;
    c40.add(FloatVector.fromArray(F, c, o4)).intoArray(c, o4);
    c41.add(FloatVector.fromArray(F, c, o4 + L)).intoArray(c, o4 + L);
    int o5 = co + 5 * ldc;
    c50.add(FloatVector.fromArray(F, c, o5)).intoArray(c, o5);
    c51.add(FloatVector.fromArray(F, c, o5 + L)).intoArray(c, o5 + L);
    int o6 = co + 6 * ldc;
    c60.add(FloatVector.fromArray(F, c, o6)).intoArray(c, o6);
    c61.add(FloatVector.fromArray(F, c, o6 + L)).intoArray(c, o6 + L);
    int o7 = co + 7 * ldc;
    c70.add(FloatVector.fromArray(F, c, o7)).intoArray(c, o7);
    c71.add(FloatVector.fromArray(F, c, o7 + L)).intoArray(c, o7 + L);
    int o8 = co + 8 * ldc;
    c80.add(FloatVector.fromArray(F, c, o8)).intoArray(c, o8);
    c81.add(FloatVector.fromArray(F, c, o8 + L)).intoArray(c, o8 + L);
    int o9 = co + 9 * ldc;
    c90.add(FloatVector.fromArray(F, c, o9)).intoArray(c, o9);
    c91.add(FloatVector.fromArray(F, c, o9 + L)).intoArray(c, o9 + L);
    int oa = co + 10 * ldc;
    ca0.add(FloatVector.fromArray(F, c, oa)).intoArray(c, oa);
    ca1.add(FloatVector.fromArray(F, c, oa + L)).intoArray(c, oa + L);
    int ob = co + 11 * ldc;
    cb0.add(FloatVector.fromArray(F, c, ob)).intoArray(c, ob);
    cb1.add(FloatVector.fromArray(F, c, ob + L)).intoArray(c, ob + L);
  }

}

package io.jgrad.tensor.cpu.matmul;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 micro-kernels: {@code C[MR x NR] += Ap * Bp} over kc steps, where Ap holds MR values
 * of A per k and Bp holds NR = 2 vectors of B per k (see {@link PackF32}). Each k broadcasts MR
 * values of A and issues 2*MR independent FMAs into MR*2 accumulators that stay in registers.
 *
 * <p>The tile is written out by hand because Java has no arrays of registers. 12 rows (24
 * accumulators) need the 32 vector registers of 512-bit machines; with 256-bit vectors (16
 * registers) C2 spills already at 5 or 6 rows (it issues the broadcasts early, so they are live
 * together), which halved the speed in a probe on Zen 3; 4 rows (8 accumulators: FMA latency 4
 * times 2 pipes) ran best there.
 */
final class KernelF32 {
  private KernelF32() {}

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int L = F.length();
  static final int NR = 2 * L;
  static final int MR = F.vectorBitSize() >= 512 ? 12 : 4;

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
    add(c00, c01, c, co);
    add(c10, c11, c, co + ldc);
    add(c20, c21, c, co + 2 * ldc);
    add(c30, c31, c, co + 3 * ldc);
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
    add(c00, c01, c, co);
    add(c10, c11, c, co + ldc);
    add(c20, c21, c, co + 2 * ldc);
    add(c30, c31, c, co + 3 * ldc);
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
    add(c00, c01, c, co);
    add(c10, c11, c, co + ldc);
    add(c20, c21, c, co + 2 * ldc);
    add(c30, c31, c, co + 3 * ldc);
    add(c40, c41, c, co + 4 * ldc);
    add(c50, c51, c, co + 5 * ldc);
    add(c60, c61, c, co + 6 * ldc);
    add(c70, c71, c, co + 7 * ldc);
    add(c80, c81, c, co + 8 * ldc);
    add(c90, c91, c, co + 9 * ldc);
    add(ca0, ca1, c, co + 10 * ldc);
    add(cb0, cb1, c, co + 11 * ldc);
  }

  private static void add(FloatVector v0, FloatVector v1, float[] c, int o) {
    v0.add(FloatVector.fromArray(F, c, o)).intoArray(c, o);
    v1.add(FloatVector.fromArray(F, c, o + L)).intoArray(c, o + L);
  }
}

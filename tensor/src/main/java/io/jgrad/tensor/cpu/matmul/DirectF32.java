package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.cpu.CpuConfig;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 product without packing, for small products and matrix-vector shapes where packing
 * would cost more than it saves: vectors along the columns of B when its rows are contiguous,
 * along k (dot products) when A's rows and B's columns are, a strided scalar loop otherwise.
 */
final class DirectF32 {
  private DirectF32() {}

  private static final VectorSpecies<Float> F = CpuConfig.FLOAT;

  /** c[co + i*ldc + j*cs] = sum_q a[ao + i*ars + q*acs] * b[bo + q*brs + j*bcs], i in [i0,i1), j in [j0,j1). */
  static void gemm(float[] a, int ao, int ars, int acs, float[] b, int bo, int brs, int bcs,
                   float[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    if (bcs == 1 && cs == 1 && j1 - j0 >= F.length()) {
      alongColumns(a, ao, ars, acs, b, bo, brs, c, co, ldc, i0, i1, j0, j1, k);
    } else if (acs == 1 && brs == 1 && k >= F.length()) {
      alongK(a, ao, ars, b, bo, bcs, c, co, ldc, cs, i0, i1, j0, j1, k);
    } else {
      scalar(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, cs, i0, i1, j0, j1, k);
    }
  }

  /** Rows of B contiguous: vectors along j, four at a time so four FMA chains hide the latency. */
  static void alongColumns(float[] a, int ao, int ars, int acs, float[] b, int bo, int brs,
                           float[] c, int co, int ldc, int i0, int i1, int j0, int j1, int k) {
    int l = F.length(), bound = j0 + F.loopBound(j1 - j0), bound4 = j0 + (j1 - j0) / (4 * l) * (4 * l);
    for (int i = i0; i < i1; i++) {
      int ai = ao + i * ars, ci = co + i * ldc;
      int j = j0;
      for (; j < bound4; j += 4 * l) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (int q = 0; q < k; q++) {
          FloatVector x = FloatVector.broadcast(F, a[ai + q * acs]);
          int bq = bo + q * brs + j;
          s0 = FloatVector.fromArray(F, b, bq).fma(x, s0);
          s1 = FloatVector.fromArray(F, b, bq + l).fma(x, s1);
          s2 = FloatVector.fromArray(F, b, bq + 2 * l).fma(x, s2);
          s3 = FloatVector.fromArray(F, b, bq + 3 * l).fma(x, s3);
        }
        s0.intoArray(c, ci + j);
        s1.intoArray(c, ci + j + l);
        s2.intoArray(c, ci + j + 2 * l);
        s3.intoArray(c, ci + j + 3 * l);
      }
      for (; j < bound; j += l) {
        FloatVector acc = FloatVector.zero(F);
        for (int q = 0; q < k; q++) {
          acc = FloatVector.fromArray(F, b, bo + q * brs + j).fma(FloatVector.broadcast(F, a[ai + q * acs]), acc);
        }
        acc.intoArray(c, ci + j);
      }
      for (; j < j1; j++) {
        float acc = 0;
        for (int q = 0; q < k; q++) acc += a[ai + q * acs] * b[bo + q * brs + j];
        c[ci + j] = acc;
      }
    }
  }

  /** Rows of A and columns of B contiguous: dot products along k with four partial sums. */
  static void alongK(float[] a, int ao, int ars, float[] b, int bo, int bcs,
                     float[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    int l = F.length(), bound = F.loopBound(k), bound4 = k / (4 * l) * (4 * l);
    float[] lanes = Scratch.lanesF32();
    for (int i = i0; i < i1; i++) {
      int ai = ao + i * ars;
      for (int j = j0; j < j1; j++) {
        int bj = bo + j * bcs;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int q = 0;
        for (; q < bound4; q += 4 * l) {
          s0 = FloatVector.fromArray(F, a, ai + q).fma(FloatVector.fromArray(F, b, bj + q), s0);
          s1 = FloatVector.fromArray(F, a, ai + q + l).fma(FloatVector.fromArray(F, b, bj + q + l), s1);
          s2 = FloatVector.fromArray(F, a, ai + q + 2 * l).fma(FloatVector.fromArray(F, b, bj + q + 2 * l), s2);
          s3 = FloatVector.fromArray(F, a, ai + q + 3 * l).fma(FloatVector.fromArray(F, b, bj + q + 3 * l), s3);
        }
        for (; q < bound; q += l) s0 = FloatVector.fromArray(F, a, ai + q).fma(FloatVector.fromArray(F, b, bj + q), s0);
        // lanes in order: reduceLanes(ADD)'s order differs compiled and interpreted
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        float s = 0;
        for (int e = 0; e < l; e++) s += lanes[e];
        for (; q < k; q++) s += a[ai + q] * b[bj + q];
        c[co + i * ldc + j * cs] = s;
      }
    }
  }

  static void scalar(float[] a, int ao, int ars, int acs, float[] b, int bo, int brs, int bcs,
                     float[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    for (int i = i0; i < i1; i++) {
      for (int j = j0; j < j1; j++) {
        float acc = 0;
        for (int q = 0; q < k; q++) acc += a[ao + i * ars + q * acs] * b[bo + q * brs + j * bcs];
        c[co + i * ldc + j * cs] = acc;
      }
    }
  }
}

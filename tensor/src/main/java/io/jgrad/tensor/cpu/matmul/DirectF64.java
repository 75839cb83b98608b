package io.jgrad.tensor.cpu.matmul;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 product without packing, for small products and matrix-vector shapes where packing
 * would cost more than it saves: vectors along the columns of B when its rows are contiguous,
 * along k (dot products) when A's rows and B's columns are, a strided scalar loop otherwise.
 */
final class DirectF64 {
  private DirectF64() {}

  private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;

  /** c[co + i*ldc + j*cs] = sum_q a[ao + i*ars + q*acs] * b[bo + q*brs + j*bcs], i in [i0,i1), j in [j0,j1). */
  static void gemm(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                   double[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    if (bcs == 1 && cs == 1 && j1 - j0 >= F.length()) {
      alongColumns(a, ao, ars, acs, b, bo, brs, c, co, ldc, i0, i1, j0, j1, k);
    } else if (acs == 1 && brs == 1 && k >= F.length()) {
      alongK(a, ao, ars, b, bo, bcs, c, co, ldc, cs, i0, i1, j0, j1, k);
    } else {
      scalar(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, cs, i0, i1, j0, j1, k);
    }
  }

  static void alongColumns(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs,
                           double[] c, int co, int ldc, int i0, int i1, int j0, int j1, int k) {
    int bound = j0 + F.loopBound(j1 - j0);
    for (int i = i0; i < i1; i++) {
      int ai = ao + i * ars, ci = co + i * ldc;
      for (int j = j0; j < bound; j += F.length()) {
        DoubleVector acc = DoubleVector.zero(F);
        for (int q = 0; q < k; q++) {
          acc = DoubleVector.fromArray(F, b, bo + q * brs + j).fma(DoubleVector.broadcast(F, a[ai + q * acs]), acc);
        }
        acc.intoArray(c, ci + j);
      }
      for (int j = bound; j < j1; j++) {
        double acc = 0;
        for (int q = 0; q < k; q++) acc += a[ai + q * acs] * b[bo + q * brs + j];
        c[ci + j] = acc;
      }
    }
  }

  static void alongK(double[] a, int ao, int ars, double[] b, int bo, int bcs,
                     double[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    int bound = F.loopBound(k);
    for (int i = i0; i < i1; i++) {
      int ai = ao + i * ars;
      for (int j = j0; j < j1; j++) {
        int bj = bo + j * bcs;
        DoubleVector acc = DoubleVector.zero(F);
        int q = 0;
        for (; q < bound; q += F.length()) {
          acc = DoubleVector.fromArray(F, a, ai + q).fma(DoubleVector.fromArray(F, b, bj + q), acc);
        }
        double s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; q < k; q++) s += a[ai + q] * b[bj + q];
        c[co + i * ldc + j * cs] = s;
      }
    }
  }

  static void scalar(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                     double[] c, int co, int ldc, int cs, int i0, int i1, int j0, int j1, int k) {
    for (int i = i0; i < i1; i++) {
      for (int j = j0; j < j1; j++) {
        double acc = 0;
        for (int q = 0; q < k; q++) acc += a[ao + i * ars + q * acs] * b[bo + q * brs + j * bcs];
        c[co + i * ldc + j * cs] = acc;
      }
    }
  }
}

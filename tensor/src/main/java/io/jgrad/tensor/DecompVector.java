package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of the host decompositions ({@link DecompSvd}, {@link DecompEigh}); their
 * scalar twins sit beside the callers, which come here only unless
 * {@link io.jgrad.tensor.cpu.CpuBackend#scalarOnly()} (true under
 * {@link io.jgrad.tensor.cpu.CpuBackend#SCALAR_ONLY}, so this class is never loaded when the
 * {@code jdk.incubator.vector} module is absent; a differential test forces it per thread). The in-place loops run to {@code loopBound}
 * and leave the tail to the caller's scalar loop: they return the index they stopped at.
 */
final class DecompVector {
  private static final VectorSpecies<Double> D = CpuConfig.DOUBLE;
  private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[D.length()]);

  private DecompVector() {}

  /**
   * The dot product of a[ao, ao+len) and b[bo, bo+len), lanes fused, then the scalar tail. The
   * lanes are added in lane order: reduceLanes(ADD)'s order differs compiled and interpreted.
   */
  static double dot(double[] a, int ao, double[] b, int bo, int len) {
    int i = 0;
    DoubleVector acc = DoubleVector.zero(D);
    for (int bound = D.loopBound(len); i < bound; i += D.length()) {
      acc = DoubleVector.fromArray(D, a, ao + i).fma(DoubleVector.fromArray(D, b, bo + i), acc);
    }
    double[] lanes = LANES.get();
    acc.intoArray(lanes, 0);
    double s = 0;
    for (int j = 0; j < lanes.length; j++) s += lanes[j];
    for (; i < len; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  /** x_p, x_q = c x_p - s x_q, s x_p + c x_q over the vector part; returns where the tail starts. */
  static int rot(double[] x, int po, int qo, int len, double c, double s) {
    int i = 0;
    for (int bound = D.loopBound(len); i < bound; i += D.length()) {
      DoubleVector xp = DoubleVector.fromArray(D, x, po + i), xq = DoubleVector.fromArray(D, x, qo + i);
      xp.mul(c).sub(xq.mul(s)).intoArray(x, po + i);
      xp.mul(s).add(xq.mul(c)).intoArray(x, qo + i);
    }
    return i;
  }

  /** y += a x over the vector part; returns where the tail starts. */
  static int axpy(double a, double[] x, double[] y, int len) {
    int k = 0;
    for (int bound = D.loopBound(len); k < bound; k += D.length()) {
      DoubleVector.fromArray(D, x, k).mul(a).add(DoubleVector.fromArray(D, y, k)).intoArray(y, k);
    }
    return k;
  }

  /** w_i, w_i+1 = c w_i - s w_i+1, s w_i + c w_i+1 over the vector part; returns where the tail starts. */
  static int rotate(double[] wi, double[] wi1, double c, double s, int n) {
    int k = 0;
    for (int bound = D.loopBound(n); k < bound; k += D.length()) {
      DoubleVector x = DoubleVector.fromArray(D, wi, k), y = DoubleVector.fromArray(D, wi1, k);
      x.mul(s).add(y.mul(c)).intoArray(wi1, k);
      x.mul(c).sub(y.mul(s)).intoArray(wi, k);
    }
    return k;
  }
}

package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unit-stride accumulation {@code d[d0 + i] += s[s0 + i]} with the Vector API, for
 * {@link StridedRuns}' fast form. Kept apart so that the strided runs load without the
 * {@code jdk.incubator.vector} module (see {@link VectorSupport}).
 */
final class VectorAdd {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;

  private VectorAdd() {}

  static void f32(float[] s, int s0, float[] d, int d0, int n) {
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      FloatVector.fromArray(F, d, d0 + i).add(FloatVector.fromArray(F, s, s0 + i)).intoArray(d, d0 + i);
    }
    for (; i < n; i++) d[d0 + i] += s[s0 + i];
  }

  static void f64(double[] s, int s0, double[] d, int d0, int n) {
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      DoubleVector.fromArray(D, d, d0 + i).add(DoubleVector.fromArray(D, s, s0 + i)).intoArray(d, d0 + i);
    }
    for (; i < n; i++) d[d0 + i] += s[s0 + i];
  }
}

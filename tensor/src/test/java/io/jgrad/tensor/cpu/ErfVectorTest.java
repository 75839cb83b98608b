package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The vector erf, erfc and exact GELU ({@link ErfF32}, {@link ErfF64}) against the scalar {@link Erf}
 * over a dense sweep of |x| from 1e-3 to 1e7, both signs, plus the specials. The large arguments
 * once gave NaN: exp(-y^2) was formed as exp(-r^2) exp(-(y-r)(y+r)), and with r rounded above y the
 * second factor overflowed to inf while the first was 0 (found by KernelFuzzTest).
 */
class ErfVectorTest {
  static final double SQRT1_2 = Math.sqrt(0.5);

  static double[] sweep() {
    List<Double> v = new ArrayList<>();
    for (double s : new double[] {0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 79884.1484375, 1e5}) v.add(s);
    for (double a = 1e-3; a < 1e7; a *= 1.0007) {
      v.add(a);
      v.add(-a);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void float32MatchesTheScalarFormsOverTheWholeRange() {
    double[] d = sweep();
    int n = ErfF32.S.loopBound(d.length);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) d[i];
    float[] o = new float[n];
    check32("erf", x, o, ErfF32.erf(x, 0, o, 0, n), Erf::erf);
    check32("erfc", x, o, ErfF32.erfc(x, 0, o, 0, n), Erf::erfc);
    check32("gelu", x, o, ErfF32.gelu(x, 0, o, 0, n), v -> 0.5 * v * Erf.erfc(-v * SQRT1_2));
  }

  @Test
  void float64MatchesTheScalarFormsOverTheWholeRange() {
    double[] d = sweep();
    int n = ErfF64.S.loopBound(d.length);
    double[] x = java.util.Arrays.copyOf(d, n);
    double[] o = new double[n];
    check64("erf", x, o, ErfF64.erf(x, 0, o, 0, n), Erf::erf);
    check64("erfc", x, o, ErfF64.erfc(x, 0, o, 0, n), Erf::erfc);
    check64("gelu", x, o, ErfF64.gelu(x, 0, o, 0, n), v -> 0.5 * v * Erf.erfc(-v * SQRT1_2));
  }

  private static void check32(String name, float[] x, float[] o, int done, DoubleUnaryOperator ref) {
    assertTrue(done == x.length, name + ": " + done + " of " + x.length);
    for (int i = 0; i < done; i++) {
      float want = (float) ref.applyAsDouble(x[i]);
      // 8 ulps, widened by the tail's condition number (erfc's relative error is about 2 x^2 times
      // that of its argument, which GELU rounds once more as x / sqrt 2), or 1e-37 near 0 (subnormals)
      double tol = Math.max(8 * Math.ulp(want), 2e-6 * Math.abs(want) * (1 + (double) x[i] * x[i])) + 1e-37;
      boolean ok = Float.isNaN(want) ? Float.isNaN(o[i]) : o[i] == want || Math.abs(o[i] - want) <= tol;
      assertTrue(ok, name + "(" + x[i] + ") float32: vector " + o[i] + ", scalar " + want);
    }
  }

  private static void check64(String name, double[] x, double[] o, int done, DoubleUnaryOperator ref) {
    assertTrue(done == x.length, name + ": " + done + " of " + x.length);
    for (int i = 0; i < done; i++) {
      double want = ref.applyAsDouble(x[i]);
      double tol = Math.max(8 * Math.ulp(want), 4e-15 * Math.abs(want) * (1 + x[i] * x[i])) + 1e-300;
      boolean ok = Double.isNaN(want) ? Double.isNaN(o[i]) : o[i] == want || Math.abs(o[i] - want) <= tol;
      assertTrue(ok, name + "(" + x[i] + ") float64: vector " + o[i] + ", scalar " + want);
    }
  }
}

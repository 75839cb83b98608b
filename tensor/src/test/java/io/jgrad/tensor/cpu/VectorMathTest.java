package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of {@link VectorMathF32} and {@link VectorMathF64} against {@code StrictMath} (fdlibm):
 * dense sweeps over the bit patterns of each function's domain (every 97th float of each binade
 * region, about 2-3 million values per float32 function; 1 million per float64 one) and the edge
 * values: +-0, +-inf, NaN, subnormals, the smallest and largest normals, the overflow and
 * underflow thresholds. Float32 errors are in float ulps of the exact value ({@code StrictMath}
 * in double is exact to far below a float ulp); float64 errors are measured against
 * {@code StrictMath}, itself within 1 ulp, so a bound of b ulp here means at most b + 1 from the
 * exact value. Also: the result at every position of a row (the tail runs on a pad) equals the
 * result at position 0.
 */
class VectorMathTest {
  private static final int L32 = CpuConfig.FLOAT.length(), L64 = CpuConfig.DOUBLE.length();

  @FunctionalInterface
  interface F32 {
    void run(float[] x, int xo, float[] o, int oo, int n);
  }

  @FunctionalInterface
  interface F64 {
    void run(double[] x, int xo, double[] o, int oo, int n);
  }

  /** Every 97th float bit pattern from lo to hi (both finite, same sign), plus lo and hi. */
  private static float[] sweep(float lo, float hi) {
    int a = Float.floatToRawIntBits(lo), b = Float.floatToRawIntBits(hi);
    if (a > b) {
      int t = a;
      a = b;
      b = t;
    }
    int n = (int) (((long) b - a) / 97) + 2;
    float[] v = new float[n];
    for (int i = 0; i < n - 1; i++) v[i] = Float.intBitsToFloat(a + i * 97);
    v[n - 1] = Float.intBitsToFloat(b);
    return v;
  }

  private static double[] sweep(double lo, double hi, int n) {
    long a = Double.doubleToRawLongBits(lo), b = Double.doubleToRawLongBits(hi);
    if (a > b) {
      long t = a;
      a = b;
      b = t;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = Double.longBitsToDouble(a + (long) ((double) (b - a) * i / (n - 1)));
    return v;
  }

  /** x of the largest error seen by the last maxUlp call. */
  private static double worstX;

  /** Max error in float ulps of the exact value (double reference) over x; specials must match exactly. */
  private static double maxUlp32(F32 f, DoubleUnaryOperator ref, float[] x) {
    float[] o = new float[x.length];
    f.run(x, 0, o, 0, x.length);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double exact = ref.applyAsDouble(x[i]);
      float want = (float) exact;
      if (Float.isNaN(want) || Float.isInfinite(want) || want == 0) {
        if (Float.compare(o[i], want) != 0 && !(want == 0 && o[i] == 0 && Math.abs(exact) < Float.MIN_VALUE)) {
          // outside float range the rounded reference is exact; zeros compare without sign here
          assertEquals(want, o[i], 0f, "x = " + x[i] + " (" + Float.floatToRawIntBits(x[i]) + ")");
        }
        continue;
      }
      double e = Math.abs(o[i] - exact) / Math.ulp(want);
      if (e > worst) {
        worst = e;
        worstX = x[i];
      }
    }
    return worst;
  }

  private static double maxUlp64(F64 f, DoubleUnaryOperator ref, double[] x) {
    double[] o = new double[x.length];
    f.run(x, 0, o, 0, x.length);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double want = ref.applyAsDouble(x[i]);
      if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
        assertEquals(want, o[i], 0.0, "x = " + x[i]);
        continue;
      }
      double e = Math.abs(o[i] - want) / Math.ulp(want);
      if (e > worst) {
        worst = e;
        worstX = x[i];
      }
    }
    return worst;
  }

  private static float[] cat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) n += p.length;
    float[] out = new float[n];
    int k = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static double[] cat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) n += p.length;
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static final float[] EDGE32 = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
      Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
      1f, -1f, 0x1p-149f * 3, 0x1p-130f, 88.72283f, 88.722839f, 88.72284f, 89f, -87.33654f, -103.972076f, -103.97208f,
      -104f, -150f, 1e-30f, -1e-30f, 0x1p-25f, -0x1p-25f, 0x1p-26f, -0.99999994f, Math.nextDown(-1f), 1e30f};
  private static final double[] EDGE64 = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
      1.0, -1.0, 0x1p-1070, 0x1p-1030, 709.782712893384, 709.7827128933841, 709.79, 710.0, -708.3964185322641,
      -745.1332191019411, -745.1332191019412, -746.0, -800.0, 1e-300, -1e-300, 0x1p-54, -0x1p-54, 0x1p-60,
      -0.9999999999999999, Math.nextDown(-1.0), 1e300};

  @Test
  void expF32() {
    float[] x = cat(sweep(-104f, -0x1p-30f), sweep(0x1p-30f, 89f), sweep(-0x1p-30f, 0x1p-30f), EDGE32);
    double e = maxUlp32(VectorMathF32::exp, StrictMath::exp, x);
    assertTrue(e <= 1.01, "exp float32: max error " + e + " ulp at x = " + worstX);
  }

  @Test
  void expm1F32() {
    float[] x = cat(sweep(-30f, -0x1p-40f), sweep(0x1p-40f, 89f), sweep(-0x1p-40f, 0x1p-40f), EDGE32);
    double e = maxUlp32(VectorMathF32::expm1, StrictMath::expm1, x);
    assertTrue(e <= 1.0, "expm1 float32: max error " + e + " ulp at x = " + worstX);
  }

  @Test
  void logF32() {
    float[] x = cat(sweep(Float.MIN_VALUE, Float.MAX_VALUE), sweep(0.5f, 2f), EDGE32);
    double e = maxUlp32(VectorMathF32::log, StrictMath::log, x);
    assertTrue(e <= 1.0, "log float32: max error " + e + " ulp at x = " + worstX);
  }

  @Test
  void log1pF32() {
    float[] x = cat(sweep(-0.99999994f, -0x1p-40f), sweep(0x1p-40f, Float.MAX_VALUE), sweep(-0.5f, 0.5f), EDGE32);
    double e = maxUlp32(VectorMathF32::log1p, StrictMath::log1p, x);
    assertTrue(e <= 1.5, "log1p float32: max error " + e + " ulp at x = " + worstX);
  }

  @Test
  void expF64() {
    double[] x = cat(sweep(-746.0, -1e-300, 400_000), sweep(1e-300, 710.0, 400_000), sweep(-1.0, 1.0, 200_000), EDGE64);
    double e = maxUlp64(VectorMathF64::exp, StrictMath::exp, x);
    assertTrue(e <= 1.0, "exp float64: max difference from StrictMath " + e + " ulp at x = " + worstX);
  }

  @Test
  void expm1F64() {
    double[] x = cat(sweep(-40.0, -1e-300, 400_000), sweep(1e-300, 710.0, 400_000), sweep(-1.0, 1.0, 200_000), EDGE64);
    double e = maxUlp64(VectorMathF64::expm1, StrictMath::expm1, x);
    assertTrue(e <= 1.0, "expm1 float64: max difference from StrictMath " + e + " ulp at x = " + worstX);
  }

  @Test
  void logF64() {
    double[] x = cat(sweep(Double.MIN_VALUE, Double.MAX_VALUE, 600_000), sweep(0.5, 2.0, 400_000), EDGE64);
    double e = maxUlp64(VectorMathF64::log, StrictMath::log, x);
    assertTrue(e <= 1.0, "log float64: max difference from StrictMath " + e + " ulp at x = " + worstX);
  }

  @Test
  void log1pF64() {
    double[] x = cat(sweep(-0.9999999999999999, -1e-300, 300_000), sweep(1e-300, Double.MAX_VALUE, 400_000),
        sweep(-0.5, 0.5, 300_000), EDGE64);
    double e = maxUlp64(VectorMathF64::log1p, StrictMath::log1p, x);
    assertTrue(e <= 1.0, "log1p float64: max difference from StrictMath " + e + " ulp at x = " + worstX);
  }

  /** Special values exactly as Math gives them, signed zeros included. */
  @Test
  void specialValues() {
    float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f, -2f};
    float[] o = new float[x.length];
    VectorMathF32.exp(x, 0, o, 0, x.length);
    assertEquals("[1.0, 1.0, Infinity, 0.0, NaN, 0.36787945, 0.13533528]", java.util.Arrays.toString(o));
    VectorMathF32.expm1(x, 0, o, 0, x.length);
    assertEquals("[0.0, -0.0, Infinity, -1.0, NaN, -0.63212055, -0.86466473]", java.util.Arrays.toString(o));
    VectorMathF32.log(x, 0, o, 0, x.length);
    assertEquals("[-Infinity, -Infinity, Infinity, NaN, NaN, NaN, NaN]", java.util.Arrays.toString(o));
    VectorMathF32.log1p(x, 0, o, 0, x.length);
    assertEquals("[0.0, -0.0, Infinity, NaN, NaN, -Infinity, NaN]", java.util.Arrays.toString(o));
    double[] xd = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -1.0, -2.0};
    double[] od = new double[xd.length];
    VectorMathF64.expm1(xd, 0, od, 0, xd.length);
    assertEquals("[0.0, -0.0, Infinity, -1.0, NaN, -0.6321205588285577, -0.8646647167633873]", java.util.Arrays.toString(od));
    VectorMathF64.log1p(xd, 0, od, 0, xd.length);
    assertEquals("[0.0, -0.0, Infinity, NaN, NaN, -Infinity, NaN]", java.util.Arrays.toString(od));
  }

  /** A value gives the same bits at every position of a row: whole vectors and the padded tail alike. */
  @Test
  void sameBitsAtEveryPosition() {
    F32[] f32 = {VectorMathF32::exp, VectorMathF32::expm1, VectorMathF32::log, VectorMathF32::log1p};
    F64[] f64 = {VectorMathF64::exp, VectorMathF64::expm1, VectorMathF64::log, VectorMathF64::log1p};
    int n = 3 * L32 + 5;
    for (F32 f : f32) {
      for (float v : new float[] {0.3f, -7.25f, 1e-20f, 50f}) {
        float[] x = new float[n], o = new float[n];
        java.util.Arrays.fill(x, v);
        f.run(x, 0, o, 0, n);
        for (int i = 0; i < n; i++) assertEquals(Float.floatToRawIntBits(o[0]), Float.floatToRawIntBits(o[i]), "x = " + v + " at " + i);
      }
    }
    n = 3 * L64 + 1;
    for (F64 f : f64) {
      for (double v : new double[] {0.3, -7.25, 1e-200, 500}) {
        double[] x = new double[n], o = new double[n];
        java.util.Arrays.fill(x, v);
        f.run(x, 0, o, 0, n);
        for (int i = 0; i < n; i++) assertEquals(Double.doubleToRawLongBits(o[0]), Double.doubleToRawLongBits(o[i]), "x = " + v + " at " + i);
      }
    }
  }
}

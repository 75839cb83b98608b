package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Edge points, conventions at kinks and ties, aliasing in place, and seeded properties. */
class ElementwiseEdgeTest {
  /**
   * C99/torch conventions Math.pow lacks: (-1)^(+-inf) = 1 and 1^NaN = 1, on the vector paths
   * (33 elements) and the scalar tails, float32 and float64, tensor and scalar exponents.
   * torch 1.13: torch.pow(tensor([-1., -1., 1., 2.]), tensor([inf, -inf, nan, nan])) = [1, 1, 1, nan].
   */
  @Test
  void powFollowsTorchAtMinusOneToInfinityAndOneToNaN() {
    double inf = Double.POSITIVE_INFINITY;
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] base = new double[33], exp = new double[33], want = new double[33];
      for (int i = 0; i < 33; i++) {
        base[i] = new double[] {-1, -1, 1, 2}[i % 4];
        exp[i] = new double[] {inf, -inf, Double.NaN, Double.NaN}[i % 4];
        want[i] = new double[] {1, 1, 1, Double.NaN}[i % 4];
      }
      Tensor b = Tensor.fromArray(base, 33).to(t), e = Tensor.fromArray(exp, 33).to(t);
      assertArrayEquals(want, b.pow(e).to(DType.FLOAT64).toDoubleArray(), 0, t + " tensor exponent");
      for (double x : new double[] {inf, -inf}) {
        double[] got = Tensor.fromArray(new double[33], 33).sub(1).to(t).pow(x).to(DType.FLOAT64).toDoubleArray();
        for (double g : got) assertEquals(1.0, g, 0, t + " (-1)^" + x);
      }
    }
  }

  /** Reference values from mpmath (30 digits) rounded to double. */
  @Test
  void erfMatchesHighPrecisionReference() {
    double[] x = {0.1, 0.3, 0.5, 1, 2, 3, 4.5, -1.5};
    double[] erf = {0.1124629160182849, 0.3286267594591274, 0.5204998778130465, 0.8427007929497149,
        0.9953222650189527, 0.9999779095030014, 0.9999999998033839, -0.9661051464753108};
    double[] erfc = {0.887537083981715, 0.6713732405408726, 0.4795001221869535, 0.15729920705028513,
        0.004677734981047266, 2.209049699858544e-05, 1.9661604415428876e-10, 1.9661051464753108};
    double[] e = Tensor.of(x).erf().toDoubleArray(), c = Tensor.of(x).erfc().toDoubleArray();
    for (int i = 0; i < x.length; i++) {
      assertEquals(erf[i], e[i], 2e-16 * 4, "erf(" + x[i] + ")");
      assertEquals(erfc[i], c[i], Math.abs(erfc[i]) * 1e-14, "erfc(" + x[i] + ")");
    }
    // deep tail: relative accuracy kept where 1 - erf would be 0
    assertEquals(2.088487583762545e-45, Tensor.of(10.0).erfc().item(), 2.088487583762545e-45 * 1e-13);
    assertEquals(0, Tensor.of(30.0).erfc().item());
    assertEquals(2, Tensor.of(-30.0).erfc().item());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sigmoidFamilyStableAtExtremes(boolean scalar) {
    CpuBackend.forceScalar(scalar);
    try {
      for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        Tensor x = Tensor.of(-1000.0, -100, -20, 20, 100, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).to(d);
        double[] s = x.sigmoid().toDoubleArray();
        assertEquals(0, s[0]);
        assertEquals(1, s[5]);
        assertEquals(0.5, s[6]);
        double[] ls = x.logSigmoid().toDoubleArray();
        assertEquals(-1000, ls[0], 1e-9);
        assertEquals(0, ls[5]);
        double[] sp = x.softplus().toDoubleArray();
        assertEquals(1000, sp[5]);      // linear above the threshold: x itself
        assertEquals(0, sp[0], 1e-40);
        double[] t = x.tanh().toDoubleArray();
        assertEquals(-1, t[2], 1e-7);
        assertEquals(1, t[3], 1e-7);
        for (double v : x.silu().toDoubleArray()) assertTrue(!Double.isNaN(v), "silu gave NaN at " + d);
      }
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTiesToEvenAndReluKeepsNegativeZero(boolean scalar) {
    CpuBackend.forceScalar(scalar);
    try {
      double[] ties = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 4.5, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 4.5, 5.5};
      double[] want = {0, 2, 2, -0.0, -2, -2, 4, 4, 0, 2, 2, -0.0, -2, -2, 4, 4, 6};
      assertArrayEquals(want, Tensor.of(ties).round().toDoubleArray());
      float[] r = Tensor.of(new float[] {-0f, -1f, 0f, 2f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f})
          .relu().toFloatArray();
      assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(r[0]), "relu(-0) = -0 as torch");
      assertEquals(0f, r[1]);
      assertTrue(Double.isNaN(Tensor.of(Float.NaN).relu().item()), "relu(NaN) = NaN");
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  @Test
  void nanPropagatesThroughMaximumMinimumAndClamp() {
    Tensor a = Tensor.of(Double.NaN, 1, 2), b = Tensor.of(0.0, Double.NaN, 1);
    assertTrue(Double.isNaN(a.maximum(b).get(0)) && Double.isNaN(a.maximum(b).get(1)));
    assertTrue(Double.isNaN(b.minimum(a).get(0)) && Double.isNaN(b.minimum(a).get(1)));
    assertTrue(Double.isNaN(a.clamp(0, 1).get(0)));
    assertArrayEquals(new double[] {0.25, 0.25, 0.25}, Tensor.of(-5.0, 0, 5).clamp(1, 0.25).toDoubleArray(),
        "min > max gives max, as torch");
  }

  @Test
  void nanToNumDefaultsToDtypeRange() {
    float[] f = Tensor.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f).nanToNum().toFloatArray();
    assertArrayEquals(new float[] {0, Float.MAX_VALUE, -Float.MAX_VALUE, 1.5f}, f);
    double[] d = Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).nanToNum().toDoubleArray();
    assertArrayEquals(new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE}, d);
  }

  @Test
  void inPlaceReadsOperandsFromBeforeTheWrite() {
    float[] v = new float[36];
    for (int i = 0; i < v.length; i++) v[i] = i;
    Tensor x = Tensor.fromArray(v, 6, 6);
    Tensor want = x.add(x.t());
    assertArrayEquals(want.toFloatArray(), x.addInPlace(x.t()).toFloatArray());

    Tensor y = Tensor.fromArray(v, 6, 6);
    Tensor wantT = y.t().copy();
    assertArrayEquals(wantT.toFloatArray(), y.copyFrom(y.t()).toFloatArray());

    // overlapping shifted windows of one buffer: z[1:] += z[:-1] reads the old z[:-1]
    Tensor z = Tensor.arange(0, 10, 1, DType.FLOAT64);
    Tensor old = z.copy();
    z.narrow(0, 1, 9).addInPlace(z.narrow(0, 0, 9));
    double[] o = old.toDoubleArray(), got = z.toDoubleArray();
    assertEquals(o[0], got[0]);
    for (int i = 1; i < 10; i++) assertEquals(o[i] + o[i - 1], got[i], "z[" + i + "]");

    Tensor w = Tensor.of(1f, 2f, 3f);
    assertArrayEquals(new float[] {2, 4, 6}, w.addInPlace(w).toFloatArray(), "same view: no copy needed");
  }

  @Test
  void inPlaceReturnsSelfAndWritesThroughViews() {
    Tensor base = Tensor.zeros(4, 4);
    Tensor col = base.select(1, 2);
    Tensor r = col.addInPlace(Tensor.of(1f, 2f, 3f, 4f));
    assertTrue(r == col);
    assertArrayEquals(new float[] {1, 2, 3, 4}, base.select(1, 2).toFloatArray());
    assertEquals(10f, base.toFloatArray()[2] + base.toFloatArray()[6] + base.toFloatArray()[10] + base.toFloatArray()[14]);
  }

  @Test
  void integerOverflowWrapsLikeJavaAndTorch() {
    assertArrayEquals(new int[] {Integer.MIN_VALUE}, Tensor.of(Integer.MAX_VALUE).add(1).toIntArray());
    assertArrayEquals(new long[] {Long.MIN_VALUE}, Tensor.of(Long.MAX_VALUE).add(Tensor.of(1L)).toLongArray());
    assertArrayEquals(new int[] {689956897}, Tensor.of(3).pow(40).toIntArray());   // torch 1.13: same value
    assertArrayEquals(new long[] {Long.MIN_VALUE}, Tensor.of(Long.MIN_VALUE).abs().toLongArray());
  }

  @Test
  void remainderTakesTheDivisorsSign() {
    SplittableRandom r = new SplittableRandom(7);
    long[] a = new long[500], b = new long[500];
    double[] x = new double[500], y = new double[500];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextLong(-1000, 1000);
      b[i] = r.nextLong(1, 50) * (r.nextBoolean() ? 1 : -1);
      x[i] = r.nextDouble(-100, 100);
      y[i] = r.nextDouble(0.1, 10) * (r.nextBoolean() ? 1 : -1);
    }
    long[] m = Tensor.of(a).remainder(Tensor.of(b)).toLongArray();
    double[] f = Tensor.of(x).remainder(Tensor.of(y)).toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], Math.floorDiv(a[i], b[i]) * b[i] + m[i], "ints: a = b*floor(a/b) + r");
      assertTrue(m[i] == 0 || (m[i] < 0) == (b[i] < 0) && Math.abs(m[i]) < Math.abs(b[i]));
      assertTrue(f[i] == 0 || (f[i] < 0) == (y[i] < 0) && Math.abs(f[i]) <= Math.abs(y[i]), "doubles at " + i);
      assertEquals(x[i] - Math.floor(x[i] / y[i]) * y[i], f[i], 1e-9);
    }
  }

  @Test
  void addWithAlphaMatchesComposite() {
    SplittableRandom r = new SplittableRandom(3);
    double[] a = new double[50], b = new double[50];
    for (int i = 0; i < 50; i++) {
      a[i] = r.nextGaussian();
      b[i] = r.nextGaussian();
    }
    Tensor ta = Tensor.of(a), tb = Tensor.of(b);
    assertArrayEquals(ta.add(tb.mul(-0.3)).toDoubleArray(), ta.add(tb, -0.3).toDoubleArray(), 1e-15);
    assertArrayEquals(ta.add(tb.mul(-0.3)).toDoubleArray(), ta.copy().addInPlace(tb, -0.3).toDoubleArray(), 1e-15);
    assertArrayEquals(new long[] {7, 14}, Tensor.of(1L, 2L).add(Tensor.of(2L, 4L), 3).toLongArray());
  }

  @Test
  void geluFormsAgreeWithTheirDefinitions() {
    double[] x = {-6, -3, -1, -0.25, 0, 0.25, 1, 3, 6};
    double[] exact = Tensor.of(x).gelu().toDoubleArray(), approx = Tensor.of(x).gelu(true).toDoubleArray();
    for (int i = 0; i < x.length; i++) {
      double phi = 0.5 * (1 + Tensor.of(x[i] / Math.sqrt(2)).erf().item());
      assertEquals(x[i] * phi, exact[i], 1e-15);
      double inner = Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * x[i] * x[i] * x[i]);
      assertEquals(0.5 * x[i] * (1 + Math.tanh(inner)), approx[i], 1e-15);
      assertEquals(exact[i], approx[i], 1e-3, "tanh form approximates the exact one");
    }
  }
}

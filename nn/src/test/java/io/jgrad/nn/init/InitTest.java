package io.jgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Statistics of each initialiser over large tensors (tolerances ~4 standard errors). */
class InitTest {
  static double mean(float[] v) {
    double s = 0;
    for (float x : v) s += x;
    return s / v.length;
  }

  static double std(float[] v) {
    double m = mean(v), s = 0;
    for (float x : v) s += (x - m) * (x - m);
    return Math.sqrt(s / (v.length - 1));
  }

  static void assertUniform(Tensor t, double bound) {
    float[] v = t.toFloatArray();
    double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
    for (float x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    assertTrue(lo >= -bound && hi <= bound, "range [" + lo + ", " + hi + "] outside +-" + bound);
    assertTrue(lo < -0.99 * bound && hi > 0.99 * bound, "range [" + lo + ", " + hi + "] does not reach +-" + bound);
    assertEquals(0, mean(v), 4 * bound / Math.sqrt(3 * v.length));
    assertEquals(bound / Math.sqrt(3), std(v), 0.01 * bound);
  }

  static void assertNormal(Tensor t, double mu, double sigma) {
    float[] v = t.toFloatArray();
    assertEquals(mu, mean(v), 4 * sigma / Math.sqrt(v.length));
    assertEquals(sigma, std(v), 0.01 * sigma);
  }

  @Test
  void gainsMatchTorch() {
    assertEquals(1, Init.calculateGain("linear"));
    assertEquals(1, Init.calculateGain("conv2d"));
    assertEquals(1, Init.calculateGain("sigmoid"));
    assertEquals(5.0 / 3, Init.calculateGain("tanh"), 1e-15);
    assertEquals(Math.sqrt(2), Init.calculateGain("relu"), 1e-15);
    assertEquals(Math.sqrt(2 / 1.0001), Init.calculateGain("leaky_relu"), 1e-15);
    assertEquals(Math.sqrt(2 / 1.04), Init.calculateGain("leaky_relu", 0.2), 1e-15);
    assertEquals(0.75, Init.calculateGain("selu"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish"));
    assertTrue(e.getMessage().contains("swish"));
  }

  @Test
  void fans() {
    assertArrayEquals(new int[] {3 * 5 * 5, 8 * 5 * 5}, Init.fans(Tensor.zeros(8, 3, 5, 5)));
    assertArrayEquals(new int[] {7, 4}, Init.fans(Tensor.zeros(4, 7)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.fans(Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("at least 2 dimensions") && e.getMessage().contains("[5]"), e.getMessage());
  }

  @Test
  void uniformNormalConstant() {
    Generator g = new Generator(1);
    Tensor t = Tensor.zeros(200, 500);
    Init.uniform(t, -0.5, 1.5, g);
    float[] v = t.toFloatArray();
    assertEquals(0.5, mean(v), 0.01);
    for (float x : v) assertTrue(x >= -0.5 && x <= 1.5);
    assertNormal(Init.normal(t, 2, 3, g), 2, 3);
    Init.constant(t, 0.25);
    for (float x : t.toFloatArray()) assertEquals(0.25f, x);
    Init.ones(t);
    assertEquals(1.0, mean(t.toFloatArray()));
    Init.zeros(t);
    assertEquals(0.0, mean(t.toFloatArray()));
  }

  @Test
  void kaimingAndXavier() {
    Generator g = new Generator(2);
    Tensor t = Tensor.zeros(256, 128, 3, 3);
    Init.kaimingUniform(t, 0, FanMode.FAN_IN, "relu", g);
    assertUniform(t, Math.sqrt(2) * Math.sqrt(3.0 / (128 * 9)));
    Init.kaimingNormal(t, 0, FanMode.FAN_OUT, "relu", g);
    assertNormal(t, 0, Math.sqrt(2) / Math.sqrt(256 * 9));
    Init.kaimingUniform(t, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu", g);
    assertUniform(t, 1 / Math.sqrt(128 * 9));
    Tensor w = Tensor.zeros(300, 700);
    Init.xavierUniform(w, 2.0, g);
    assertUniform(w, 2 * Math.sqrt(6.0 / 1000));
    Init.xavierNormal(w, 1.0, g);
    assertNormal(w, 0, Math.sqrt(2.0 / 1000));
  }

  @Test
  void seededAndReproducible() {
    Tensor a = Init.kaimingUniform(Tensor.zeros(4, 6), 0, FanMode.FAN_IN, "relu", new Generator(9));
    Tensor b = Init.kaimingUniform(Tensor.zeros(4, 6), 0, FanMode.FAN_IN, "relu", new Generator(9));
    Tensor c = Init.kaimingUniform(Tensor.zeros(4, 6), 0, FanMode.FAN_IN, "relu", new Generator(10));
    assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    assertTrue(!java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()));
  }

  static void assertOrthonormalRows(Tensor w, double gain) {
    int r = w.size(0);
    Tensor ww = w.reshape(r, -1).to(io.jgrad.tensor.DType.FLOAT64);
    Tensor prod = ww.matmul(ww.t());
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) assertEquals(i == j ? gain * gain : 0, prod.get(i, j), 1e-5, "(" + i + ", " + j + ")");
    }
  }

  @Test
  void orthogonal() {
    Generator g = new Generator(4);
    Tensor wide = Init.orthogonal(Tensor.zeros(5, 12), 1.0, g);
    assertOrthonormalRows(wide, 1.0);
    Tensor conv = Init.orthogonal(Tensor.zeros(6, 2, 2, 2), 2.0, g);
    assertOrthonormalRows(conv, 2.0);
    Tensor tall = Init.orthogonal(Tensor.zeros(12, 5), 1.0, g);
    assertOrthonormalRows(tall.t().contiguous(), 1.0);
    Tensor square = Init.orthogonal(Tensor.zeros(8, 8), 1.0, g);
    assertOrthonormalRows(square, 1.0);
    assertOrthonormalRows(square.t().contiguous(), 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(Tensor.zeros(3), 1, g));
    assertTrue(e.getMessage().contains("2 or more dimensions"), e.getMessage());
  }

  @Test
  void layerDefaultsFollowTorch() {
    io.jgrad.nn.Linear l = new io.jgrad.nn.Linear(400, 300, true, new Generator(5));
    assertUniform(l.weight(), 1 / Math.sqrt(400));
    for (float x : l.bias().toFloatArray()) assertTrue(Math.abs(x) <= 1 / Math.sqrt(400));
    io.jgrad.nn.Conv2d c = new io.jgrad.nn.Conv2d(16, 64, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
        new int[] {1, 1}, 2, true, new Generator(6));
    assertUniform(c.weight(), 1 / Math.sqrt(8 * 9));
    for (float x : c.bias().toFloatArray()) assertTrue(Math.abs(x) <= 1 / Math.sqrt(8 * 9));
    io.jgrad.nn.Embedding e = new io.jgrad.nn.Embedding(300, 200, 7, new Generator(8));
    assertNormal(e.weight().narrow(0, 8, 292), 0, 1);
    for (float x : e.weight().select(0, 7).toFloatArray()) assertEquals(0f, x);
  }
}

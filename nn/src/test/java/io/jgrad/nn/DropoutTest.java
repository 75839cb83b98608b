package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dropout's statistics and properties (its mask is random, so there is no torch golden). */
class DropoutTest {
  @Test
  void dropsAboutPAndScalesTheRest() {
    double p = 0.3;
    Dropout d = new Dropout(p, new Generator(1));
    int n = 200_000;
    Tensor x = Tensor.ones(n).requiresGrad(true);
    Tensor y = d.forward(x);
    float[] v = y.toFloatArray();
    int zeros = 0;
    for (float f : v) {
      if (f == 0) zeros++;
      else assertEquals(1 / (1 - p), f, 1e-6);
    }
    // binomial standard error sqrt(p(1-p)/n) ~ 0.001
    assertEquals(p, zeros / (double) n, 0.005);
    y.sum().backward();
    assertArrayEquals(v, x.grad().toFloatArray(), "the gradient is the mask");
  }

  @Test
  void evalAndEdgeProbabilities() {
    Tensor x = Tensor.randn(new Generator(2), 4, 5);
    Dropout d = new Dropout(0.5, new Generator(3));
    d.eval();
    assertSame(x, d.forward(x));
    d.train();
    assertSame(x, new Dropout(0, new Generator(3)).forward(x));
    for (float f : new Dropout(1, new Generator(3)).forward(x).toFloatArray()) assertTrue(f == 0, "p = 1 zeroes everything: " + f);
  }

  @Test
  void seeded() {
    Tensor x = Tensor.ones(1000);
    float[] a = new Dropout(0.5, new Generator(7)).forward(x).toFloatArray();
    float[] b = new Dropout(0.5, new Generator(7)).forward(x).toFloatArray();
    float[] c = new Dropout(0.5, new Generator(8)).forward(x).toFloatArray();
    assertArrayEquals(a, b);
    assertTrue(!java.util.Arrays.equals(a, c));
  }

  @Test
  void dropout2dDropsWholeChannels() {
    double p = 0.4;
    Dropout2d d = new Dropout2d(p, new Generator(4));
    int n = 100, c = 200;
    Tensor x = Tensor.ones(n, c, 3, 2);
    float[] v = d.forward(x).toFloatArray();
    int dropped = 0;
    for (int ch = 0; ch < n * c; ch++) {
      float first = v[ch * 6];
      for (int k = 1; k < 6; k++) assertEquals(first, v[ch * 6 + k], "channel " + ch + " is not uniform");
      if (first == 0) dropped++;
      else assertEquals(1 / (1 - p), first, 1e-6);
    }
    assertEquals(p, dropped / (double) (n * c), 0.02);
    d.eval();
    assertSame(x, d.forward(x));
  }
}

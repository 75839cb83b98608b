package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.spi.Window2d;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Pooling against naive loops written from PyTorch's definitions (random geometry, inputs
 * large enough for the parallel path), plus the pinned conventions: ties pick the first
 * position, a NaN wins, indices point at the chosen value.
 */
class PoolingPropertyTest {

  @RepeatedTest(20)
  void maxAndAvgPool2dMatchNaiveLoops(RepetitionInfo rep) {
    Random rng = new Random(400 + rep.getCurrentRepetition());
    int k0 = 1 + rng.nextInt(4), k1 = 1 + rng.nextInt(4);
    int[] k = {k0, k1}, s = {1 + rng.nextInt(3), 1 + rng.nextInt(3)}, p = {rng.nextInt(k0 / 2 + 1), rng.nextInt(k1 / 2 + 1)};
    int[] d = {1 + rng.nextInt(2), 1 + rng.nextInt(2)};
    boolean ceil = rng.nextBoolean(), big = rep.getCurrentRepetition() % 4 == 0;
    int n = big ? 4 : 2, c = big ? 16 : 3, h = d[0] * (k0 - 1) + 1 + rng.nextInt(big ? 30 : 8), w = d[1] * (k1 - 1) + 1 + rng.nextInt(big ? 30 : 8);
    DType dt = rng.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = ConvTestData.random(rng, dt, n, c, h, w);
    if (rng.nextBoolean()) x = ConvTestData.transposedView(x, 2, 3);
    double[] xv = x.toDoubleArray();
    Window2d win = new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], ceil);
    ValuesIndices r = x.maxPool2dWithIndices(k, s, p, d, ceil);
    double[][] max = naiveMax(xv, n * c, h, w, win);
    String what = win + " x " + Shapes.str(x.shape());
    assertArrayEquals(new int[] {n, c, win.outH(h), win.outW(w)}, r.values().shape(), what);
    assertArrayEquals(max[0], r.values().toDoubleArray(), what);
    assertArrayEquals(max[1], r.indices().toDoubleArray(), what);
    Window2d plain = new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, ceil);
    for (boolean include : new boolean[] {true, false}) {
      Tensor avg = x.avgPool2d(k, s, p, ceil, include);
      double tol = dt == DType.FLOAT32 ? 1e-6 : 1e-12;
      assertArrayEquals(naiveAvg(xv, n * c, h, w, plain, include), avg.toDoubleArray(), tol, what + " include=" + include);
    }
  }

  @RepeatedTest(10)
  void adaptiveAvgPool2dMatchesNaiveBins(RepetitionInfo rep) {
    Random rng = new Random(500 + rep.getCurrentRepetition());
    int n = 2, c = rep.getCurrentRepetition() == 1 ? 40 : 3, h = 1 + rng.nextInt(20), w = 1 + rng.nextInt(20);
    int oh = 1 + rng.nextInt(h + 3), ow = 1 + rng.nextInt(w + 3);
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, n, c, h, w);
    double[] xv = x.toDoubleArray(), expected = new double[n * c * oh * ow];
    for (int pl = 0, o = 0; pl < n * c; pl++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, o++) {
          int y0 = (int) Math.floor((double) i * h / oh), y1 = (int) Math.ceil((double) (i + 1) * h / oh);
          int x0 = (int) Math.floor((double) j * w / ow), x1 = (int) Math.ceil((double) (j + 1) * w / ow);
          double sum = 0;
          for (int y = y0; y < y1; y++) for (int xx = x0; xx < x1; xx++) sum += xv[(pl * h + y) * w + xx];
          expected[o] = sum / ((y1 - y0) * (x1 - x0));
        }
      }
    }
    assertArrayEquals(expected, x.adaptiveAvgPool2d(oh, ow).toDoubleArray(), 1e-12, h + "x" + w + " -> " + oh + "x" + ow);
  }

  /** Expected values from torch 1.13: F.max_pool2d(x, 2, 1, return_indices=True). */
  @Test
  void maxPoolTiesPickTheFirstPositionAndNanWins() {
    Tensor x = Tensor.fromArray(new float[] {1, 3, 3, 2, 0, 0, Float.NaN, 5, Float.NaN}, 1, 1, 3, 3);
    ValuesIndices r = x.maxPool2dWithIndices(new int[] {2, 2}, new int[] {1, 1}, null, null, false);
    double[] v = r.values().toDoubleArray(), i = r.indices().toDoubleArray();
    assertEquals(3, v[0]);
    assertEquals(1, i[0], "tie between positions 1 and 2: the first in scan order");
    assertEquals(3, v[1]);
    assertEquals(1, i[1], "same tie seen from the next window");
    assertTrue(Double.isNaN(v[2]));
    assertEquals(6, i[2]);
    assertTrue(Double.isNaN(v[3]));
    assertEquals(8, i[3], "several NaNs: the last one in scan order, as PyTorch's kernel");
  }

  @Test
  void maxPoolOfMinusInfinityPointsAtTheFirstInputInTheWindow() {
    float inf = Float.NEGATIVE_INFINITY;
    Tensor x = Tensor.fromArray(new float[] {inf, inf, inf, inf}, 1, 2, 2);
    ValuesIndices r = x.maxPool2dWithIndices(new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, null, false);
    assertArrayEquals(new double[] {inf, inf, inf, inf, inf, inf, inf, inf, inf}, r.values().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1, 2, 2, 3}, r.indices().toDoubleArray());
  }

  @Test
  void int64AveragePoolingTruncatesTowardZero() {
    Tensor x = Tensor.fromArray(new long[] {-1, -2, -3, -5, 1, 2, 3, 5}, 2, 2, 2);
    assertArrayEquals(new double[] {-2, 2}, x.avgPool2d(new int[] {2, 2}, null, null, false, true).toDoubleArray());
  }

  /** Values and flat indices, following PyTorch's max_pool2d CPU kernel. */
  private static double[][] naiveMax(double[] x, int planes, int h, int w, Window2d g) {
    int oh = g.outH(h), ow = g.outW(w);
    double[] v = new double[planes * oh * ow], idx = new double[v.length];
    for (int pl = 0, o = 0; pl < planes; pl++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, o++) {
          double best = Double.NEGATIVE_INFINITY;
          int bi = -1;
          for (int ky = 0; ky < g.kernelH(); ky++) {
            for (int kx = 0; kx < g.kernelW(); kx++) {
              int y = i * g.strideH() - g.padH() + ky * g.dilationH(), xx = j * g.strideW() - g.padW() + kx * g.dilationW();
              if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
              double e = x[(pl * h + y) * w + xx];
              if (bi < 0) bi = y * w + xx;
              if (e > best || Double.isNaN(e)) {
                best = e;
                bi = y * w + xx;
              }
            }
          }
          v[o] = best;
          idx[o] = bi;
        }
      }
    }
    return new double[][] {v, idx};
  }

  private static double[] naiveAvg(double[] x, int planes, int h, int w, Window2d g, boolean includePad) {
    int oh = g.outH(h), ow = g.outW(w);
    double[] out = new double[planes * oh * ow];
    for (int pl = 0, o = 0; pl < planes; pl++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, o++) {
          double sum = 0;
          int inside = 0, padded = 0;
          for (int ky = 0; ky < g.kernelH(); ky++) {
            for (int kx = 0; kx < g.kernelW(); kx++) {
              int y = i * g.strideH() - g.padH() + ky, xx = j * g.strideW() - g.padW() + kx;
              if (y >= h + g.padH() || xx >= w + g.padW()) continue;  // ceil-mode overhang never counts
              padded++;
              if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
              inside++;
              sum += x[(pl * h + y) * w + xx];
            }
          }
          out[o] = inside == 0 ? 0 : sum / (includePad ? padded : inside);
        }
      }
    }
    return out;
  }
}

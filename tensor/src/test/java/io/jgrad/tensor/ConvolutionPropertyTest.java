package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.spi.Window2d;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties: col2im is the adjoint of im2col, conv2d matches the direct formula
 * (groups, dilation, sizes large enough for the parallel paths), convTranspose2d is the
 * adjoint of conv2d, conv1d is conv2d at height 1, unbatched inputs match batched ones, and
 * pooling matches naive loops.
 */
class ConvolutionPropertyTest {

  /** A random conv geometry: kernel 1..4, stride 1..3, padding 0..2, dilation 1..2. */
  private static Window2d randomWindow(Random rng, boolean allowPadding) {
    int kh = 1 + rng.nextInt(4), kw = 1 + rng.nextInt(4);
    int ph = allowPadding ? rng.nextInt(3) : 0, pw = allowPadding ? rng.nextInt(3) : 0;
    return new Window2d(kh, kw, 1 + rng.nextInt(3), 1 + rng.nextInt(3), ph, pw, 1 + rng.nextInt(2), 1 + rng.nextInt(2), false);
  }

  /** Input size so that at least one window fits. */
  private static int fit(Random rng, int k, int d, int p) { return Math.max(1, d * (k - 1) + 1 - 2 * p) + rng.nextInt(9); }

  @RepeatedTest(40)
  void col2imIsTheAdjointOfIm2col(RepetitionInfo rep) {
    Random rng = new Random(100 + rep.getCurrentRepetition());
    Window2d w = randomWindow(rng, true);
    int n = 1 + rng.nextInt(2), c = 1 + rng.nextInt(3);
    int h = fit(rng, w.kernelH(), w.dilationH(), w.padH()), wd = fit(rng, w.kernelW(), w.dilationW(), w.padW());
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, n, c, h, wd);
    Tensor cols = ConvTestData.im2col(x, w);
    Tensor probe = ConvTestData.random(rng, DType.FLOAT64, cols.shape());
    Tensor back = ConvTestData.col2im(probe, w, n, c, h, wd);
    double lhs = ConvTestData.dot(cols.toDoubleArray(), probe.toDoubleArray());
    double rhs = ConvTestData.dot(x.toDoubleArray(), back.toDoubleArray());
    assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)), w + " x " + Shapes.str(x.shape()));
  }

  @RepeatedTest(30)
  void conv2dMatchesTheDirectFormula(RepetitionInfo rep) {
    Random rng = new Random(200 + rep.getCurrentRepetition());
    Window2d w = randomWindow(rng, true);
    int groups = 1 + rng.nextInt(3), cg = 1 + rng.nextInt(3), og = 1 + rng.nextInt(3);
    int n = 1 + rng.nextInt(2), c = groups * cg, o = groups * og;
    int h = fit(rng, w.kernelH(), w.dilationH(), w.padH()), wd = fit(rng, w.kernelW(), w.dilationW(), w.padW());
    checkConv(rng, n, c, o, h, wd, w, groups, rng.nextBoolean(), rng.nextBoolean());
  }

  @Test
  void conv2dLargeEnoughForParallelKernels() {
    Random rng = new Random(7);
    checkConv(rng, 2, 8, 6, 24, 26, new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false), 1, true, false);
    checkConv(rng, 2, 8, 8, 24, 22, new Window2d(3, 3, 2, 1, 1, 2, 1, 2, false), 2, true, true);
  }

  @Test
  void largeBatchesRunInSlicesWithTheSameResult() {
    Random rng = new Random(12);
    int saved = Convolution.colsLimit;
    Convolution.colsLimit = 2 * 4 * 9 * 30;  // a bit over two samples' columns: slices of 2, 2 and 1
    try {
      checkConv(rng, 5, 4, 3, 6, 5, new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false), 1, true, false);
      checkConv(rng, 5, 4, 4, 6, 5, new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false), 2, false, true);
    } finally {
      Convolution.colsLimit = saved;
    }
  }

  @Test
  void conv2dOnIntegers() {
    Random rng = new Random(8);
    for (DType dt : new DType[] {DType.INT32, DType.INT64}) {
      Tensor x = ConvTestData.random(rng, dt, 2, 3, 6, 5), wt = ConvTestData.random(rng, dt, 4, 3, 3, 2);
      Tensor b = ConvTestData.random(rng, dt, 4);
      Window2d w = new Window2d(3, 2, 1, 2, 1, 0, 1, 1, false);
      Tensor y = x.conv2d(wt, b, new int[] {1, 2}, new int[] {1, 0}, null, 1);
      assertEquals(dt, y.dtype());
      assertArrayEquals(ConvTestData.naiveConv2d(x.toDoubleArray(), x.shape(), wt.toDoubleArray(), wt.shape(),
          b.toDoubleArray(), w, 1), y.toDoubleArray());
    }
  }

  private static void checkConv(Random rng, int n, int c, int o, int h, int wd, Window2d w, int groups, boolean bias,
                                boolean transposedInput) {
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, n, c, h, wd);
    if (transposedInput) x = ConvTestData.transposedView(x, 2, 3);
    Tensor wt = ConvTestData.random(rng, DType.FLOAT64, o, c / groups, w.kernelH(), w.kernelW());
    Tensor b = bias ? ConvTestData.random(rng, DType.FLOAT64, o) : null;
    double[] xBefore = x.toDoubleArray();
    Tensor y = x.conv2d(wt, b, new int[] {w.strideH(), w.strideW()}, new int[] {w.padH(), w.padW()},
        new int[] {w.dilationH(), w.dilationW()}, groups);
    assertArrayEquals(new int[] {n, o, w.outH(h), w.outW(wd)}, y.shape());
    double[] expected = ConvTestData.naiveConv2d(xBefore, x.shape(), wt.toDoubleArray(), wt.shape(),
        b == null ? null : b.toDoubleArray(), w, groups);
    assertArrayEquals(expected, y.toDoubleArray(), 1e-10, w + " groups=" + groups);
    assertArrayEquals(xBefore, x.toDoubleArray(), "conv2d must not modify its input");
  }

  @RepeatedTest(30)
  void convTranspose2dIsTheAdjointOfConv2d(RepetitionInfo rep) {
    Random rng = new Random(300 + rep.getCurrentRepetition());
    Window2d w = randomWindow(rng, true);
    int groups = 1 + rng.nextInt(2), c = groups * (1 + rng.nextInt(3)), o = groups * (1 + rng.nextInt(3));
    int n = 1 + rng.nextInt(2);
    int h = fit(rng, w.kernelH(), w.dilationH(), w.padH()), wd = fit(rng, w.kernelW(), w.dilationW(), w.padW());
    int oh = w.outH(h), ow = w.outW(wd);
    int[] s = {w.strideH(), w.strideW()}, p = {w.padH(), w.padW()}, d = {w.dilationH(), w.dilationW()};
    // The rows conv2d's floor division dropped come back as output padding.
    int[] op = {h - ((oh - 1) * s[0] - 2 * p[0] + d[0] * (w.kernelH() - 1) + 1),
                wd - ((ow - 1) * s[1] - 2 * p[1] + d[1] * (w.kernelW() - 1) + 1)};
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, n, c, h, wd);
    Tensor wt = ConvTestData.random(rng, DType.FLOAT64, o, c / groups, w.kernelH(), w.kernelW());
    Tensor y = ConvTestData.random(rng, DType.FLOAT64, n, o, oh, ow);
    Tensor conv = x.conv2d(wt, null, s, p, d, groups);
    Tensor back = y.convTranspose2d(wt, null, s, p, op, groups, d);
    assertArrayEquals(x.shape(), back.shape());
    double lhs = ConvTestData.dot(conv.toDoubleArray(), y.toDoubleArray());
    double rhs = ConvTestData.dot(x.toDoubleArray(), back.toDoubleArray());
    assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)), w + " groups=" + groups + " outputPadding=" + Shapes.str(op));
  }

  @Test
  void nonContiguousWeightAndBiasGiveTheSameResult() {
    Random rng = new Random(11);
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, 2, 4, 7, 6);
    Tensor wt = ConvTestData.random(rng, DType.FLOAT64, 6, 2, 3, 2);
    Tensor bBase = ConvTestData.random(rng, DType.FLOAT64, 12);
    Tensor b = bBase.slice(0, 0, 12, 2);
    int[] s = {2, 1}, p = {1, 1}, d = {1, 2};
    Tensor expected = x.conv2d(wt, b.contiguous(), s, p, d, 2);
    Tensor actual = x.conv2d(ConvTestData.transposedView(wt, 0, 3), b, s, p, d, 2);
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray());
    Tensor wtT = ConvTestData.random(rng, DType.FLOAT64, 4, 3, 3, 2);
    Tensor bT = ConvTestData.random(rng, DType.FLOAT64, 6);
    assertArrayEquals(x.convTranspose2d(wtT, bT, s, p, new int[] {1, 0}, 2, d).toDoubleArray(),
        x.convTranspose2d(ConvTestData.transposedView(wtT, 1, 2), bT, s, p, new int[] {1, 0}, 2, d).toDoubleArray());
  }

  /** No input channels: every output is the bias (PyTorch 1.13 returns an empty [N, 0, oH, oW] instead). */
  @Test
  void zeroInputChannelsGiveTheBias() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 0, 5, 5);
    Tensor b = Tensor.of(1.5f, -2f);
    Tensor y = x.conv2d(Tensor.zeros(DType.FLOAT32, 2, 0, 3, 3), b, new int[] {1, 1}, null, null, 1);
    assertArrayEquals(new int[] {2, 2, 3, 3}, y.shape());
    double[] v = y.toDoubleArray();
    for (int i = 0; i < v.length; i++) assertEquals(i % 18 < 9 ? 1.5 : -2, v[i]);
  }

  @Test
  void conv1dIsConv2dAtHeightOne() {
    Random rng = new Random(9);
    Tensor x = ConvTestData.random(rng, DType.FLOAT64, 2, 4, 19);
    Tensor wt = ConvTestData.random(rng, DType.FLOAT64, 6, 2, 3);
    Tensor b = ConvTestData.random(rng, DType.FLOAT64, 6);
    Tensor y1 = x.conv1d(wt, b, 2, 2, 2, 2);
    Tensor y2 = x.unsqueeze(2).conv2d(wt.unsqueeze(2), b, new int[] {1, 2}, new int[] {0, 2}, new int[] {1, 2}, 2);
    assertArrayEquals(y2.squeeze(2).shape(), y1.shape());
    assertArrayEquals(y2.toDoubleArray(), y1.toDoubleArray());
  }

  @Test
  void unbatchedInputsMatchBatchOfOne() {
    Random rng = new Random(10);
    Tensor x = ConvTestData.random(rng, DType.FLOAT32, 3, 7, 6);
    Tensor wt = ConvTestData.random(rng, DType.FLOAT32, 3, 2, 3, 3);
    Tensor xb = x.unsqueeze(0);
    int[] one = {1, 1};
    assertSame3d(xb.conv2d(wt.transpose(0, 1).contiguous(), null, one, one, one, 1), x.conv2d(wt.transpose(0, 1).contiguous(), null, one, one, one, 1));
    assertSame3d(xb.convTranspose2d(wt, null, new int[] {2, 2}, one, one, 1, one), x.convTranspose2d(wt, null, new int[] {2, 2}, one, one, 1, one));
    assertSame3d(xb.maxPool2d(new int[] {2, 2}, null, null, null, true), x.maxPool2d(new int[] {2, 2}, null, null, null, true));
    assertSame3d(xb.avgPool2d(new int[] {3, 3}, one, one, false, false), x.avgPool2d(new int[] {3, 3}, one, one, false, false));
    assertSame3d(xb.adaptiveAvgPool2d(4, 5), x.adaptiveAvgPool2d(4, 5));
  }

  private static void assertSame3d(Tensor batched, Tensor unbatched) {
    assertArrayEquals(batched.squeeze(0).shape(), unbatched.shape());
    assertArrayEquals(batched.toDoubleArray(), unbatched.toDoubleArray());
  }
}

package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.Window2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * im2col / col2im: the fast path (arraycopy runs, Vector API adds) against the scalar strided
 * reference, bit for bit, and the reference against the formula, over widths around the vector
 * length (float: 8 or 16 lanes; double: 4 or 8), windows with stride, padding and dilation,
 * and non-contiguous inputs and columns.
 */
class Im2colDifferentialTest {
  static final int[] WIDTHS = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 97};
  /** Integer dtypes take the same code paths (arraycopy / strided loops); fewer widths suffice. */
  static final int[] INT_WIDTHS = {0, 1, 16, 17};
  static final Window2d[] WINDOWS = {
      new Window2d(1, 1, 1, 1, 0, 0, 1, 1, false),
      new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false),
      new Window2d(3, 2, 2, 2, 1, 1, 2, 2, false),
      new Window2d(2, 3, 1, 3, 0, 1, 1, 2, false),
      new Window2d(1, 5, 2, 1, 0, 2, 1, 1, false),
  };
  static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};
  static final String[] LAYOUTS = {"contiguous", "transposed x", "strided x", "transposed cols"};

  @TestFactory
  Stream<DynamicTest> im2colFastEqualsScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    Random rng = new Random(11);
    int cases = 0;
    for (DType dt : DTYPES) {
      for (Window2d w : WINDOWS) {
        for (int wd : dt.isFloatingPoint() ? WIDTHS : INT_WIDTHS) {
          if (w.outW(wd) <= 0) continue;
          for (String layout : LAYOUTS) {
            int h = 1 + rng.nextInt(4);
            if (w.outH(h) <= 0) h = w.kernelH() * w.dilationH();
            int hh = h;
            long seed = rng.nextLong();
            cases++;
            tests.add(DynamicTest.dynamicTest(dt + " " + w + " W=" + wd + " " + layout, () -> im2colCase(dt, w, hh, wd, layout, seed)));
          }
        }
      }
    }
    int n = cases;
    tests.add(DynamicTest.dynamicTest("case count", () -> assertEquals(true, n >= 150, "only " + n + " cases")));
    return tests.stream();
  }

  private static void im2colCase(DType dt, Window2d w, int h, int wd, String layout, long seed) {
    Random rng = new Random(seed);
    int n = 2, c = 3;
    Tensor x = input(rng, dt, n, c, h, wd, layout);
    double[] expected = ConvTestData.naiveIm2col(x.toDoubleArray(), n, c, h, wd, w);
    double[] scalar = withScalar(true, () -> im2colInto(x, w, layout)).toDoubleArray();
    double[] fast = withScalar(false, () -> im2colInto(x, w, layout)).toDoubleArray();
    assertArrayEquals(expected, scalar, "scalar reference vs formula");
    assertArrayEquals(scalar, fast, "fast path vs scalar reference");
  }

  @TestFactory
  Stream<DynamicTest> col2imFastEqualsScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    Random rng = new Random(12);
    for (DType dt : DTYPES) {
      for (Window2d w : WINDOWS) {
        for (int wd : dt.isFloatingPoint() ? WIDTHS : INT_WIDTHS) {
          if (w.outW(wd) <= 0) continue;
          for (boolean transposedCols : new boolean[] {false, true}) {
            int h = Math.max(1 + rng.nextInt(4), w.kernelH() * w.dilationH());
            long seed = rng.nextLong();
            tests.add(DynamicTest.dynamicTest(dt + " " + w + " W=" + wd + (transposedCols ? " transposed cols" : ""),
                () -> col2imCase(dt, w, h, wd, transposedCols, seed)));
          }
        }
      }
    }
    return tests.stream();
  }

  private static void col2imCase(DType dt, Window2d w, int h, int wd, boolean transposedCols, long seed) {
    Random rng = new Random(seed);
    int n = 2, c = 3, k = c * w.kernelH() * w.kernelW(), l = w.outH(h) * w.outW(wd);
    Tensor cols = ConvTestData.random(rng, dt, n, k, l);
    if (transposedCols) cols = ConvTestData.transposedView(cols, 1, 2);
    Tensor cs = cols;
    double[] scalar = withScalar(true, () -> ConvTestData.col2im(cs, w, n, c, h, wd)).toDoubleArray();
    double[] fast = withScalar(false, () -> ConvTestData.col2im(cs, w, n, c, h, wd)).toDoubleArray();
    assertArrayEquals(scalar, fast, "fast path vs scalar reference");
    double[] expected = ConvTestData.naiveCol2im(cols.toDoubleArray(), n, c, h, wd, w);
    // float32 sums round at each step; the oracle sums in double.
    double tol = (dt == DType.FLOAT32 ? 1e-5 : 1e-12) * (1 + maxAbs(expected));
    assertArrayEquals(expected, scalar, tol, "scalar reference vs formula");
  }

  /** x [n,c,h,w] in one of the layouts (values depend only on the seed). */
  private static Tensor input(Random rng, DType dt, int n, int c, int h, int wd, String layout) {
    return switch (layout) {
      case "transposed x" -> ConvTestData.transposedView(ConvTestData.random(rng, dt, n, c, h, wd), 2, 3);
      case "strided x" -> {
        try (Tensor base = ConvTestData.random(rng, dt, n, c, h, 2 * wd + 1)) {
          yield base.slice(3, 1, 2 * wd + 1, 2);
        }
      }
      default -> ConvTestData.random(rng, dt, n, c, h, wd);
    };
  }

  /** im2col into contiguous cols, or into a transposed (non-contiguous) view for that layout. */
  private static Tensor im2colInto(Tensor x, Window2d w, String layout) {
    if (!layout.equals("transposed cols")) return ConvTestData.im2col(x, w);
    int n = x.size(0), k = x.size(1) * w.kernelH() * w.kernelW(), l = w.outH(x.size(2)) * w.outW(x.size(3));
    Tensor base = Tensor.empty(x.dtype(), n, l, k);
    Tensor cols = base.transpose(1, 2);
    x.backend().im2col(x.layout(), w, cols.layout());
    return cols;
  }

  static <T> T withScalar(boolean scalar, Supplier<T> body) {
    CpuBackend.forceScalar(scalar);
    try {
      return body.get();
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) m = Math.max(m, Math.abs(d));
    return m;
  }
}

package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The packed/direct Vector API products against the scalar reference ({@code forceScalar}), at
 * shapes around the register tile (6/12 rows, 16/32 columns), across the KC/NC block edges,
 * empty dims, transposed and sliced operands and broadcast batches, float32 and float64.
 */
class MatmulDifferentialTest {
  private static final int[][] SHAPES = {
      {1, 1, 1}, {13, 17, 19}, {5, 15, 7}, {6, 16, 8}, {7, 17, 9}, {11, 31, 5}, {12, 32, 7}, {13, 33, 9},
      {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {24, 48, 40}, {64, 64, 64}, {257, 129, 300}, {100, 3, 50},
      {1, 200, 300}, {200, 1, 300}, {37, 70, 600}, {20, 1100, 33}, {128, 10, 256}, {3, 3, 2000},
      {130, 10, 256}, {66, 20, 100}, {258, 32, 64}};

  private static Tensor rand(SplittableRandom r, DType t, int... shape) {
    double[] v = new double[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
    try (Tensor d = Tensor.fromArray(v, shape)) {
      return d.to(t);
    }
  }

  /** [m,k] in one of three layouts: contiguous, transposed storage, every other row of a taller base. */
  private static Tensor layout(SplittableRandom r, DType t, int rows, int cols, int kind) {
    return switch (kind) {
      case 0 -> rand(r, t, rows, cols);
      case 1 -> rand(r, t, cols, rows).t();
      default -> rand(r, t, 2 * rows, cols + 3).slice(0, 0, 2 * rows, 2).narrow(1, 2, cols);
    };
  }

  private static void compare(String what, Supplier<Tensor> op, int k, DType t) {
    CpuBackend.forceScalar(true);
    double[] ref;
    int[] refShape;
    try (Tensor o = op.get()) {
      ref = o.toDoubleArray();
      refShape = o.shape();
    } finally {
      CpuBackend.forceScalar(false);
    }
    try (Tensor o = op.get()) {
      assertArrayEquals(refShape, o.shape(), what);
      double[] got = o.toDoubleArray();
      double tol = (t == DType.FLOAT32 ? 2e-6 : 1e-14) * (k + 1);
      for (int i = 0; i < ref.length; i++) {
        if (!(Math.abs(got[i] - ref[i]) <= tol)) {
          throw new AssertionError(what + ": element " + i + " is " + got[i] + ", scalar reference " + ref[i]);
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> shapesAndLayouts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] s : SHAPES) {
        for (int la = 0; la < 3; la++) {
          for (int lb = 0; lb < 2; lb++) {
            int m = s[0], n = s[1], k = s[2], fa = la, fb = lb;
            String name = t + " " + m + "x" + n + "x" + k + " a" + la + " b" + lb;
            tests.add(DynamicTest.dynamicTest(name, () -> {
              SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k + fa * 1000L + fb * 10000L);
              Tensor a = layout(r, t, m, k, fa), b = layout(r, t, k, n, fb);
              compare(name, () -> a.matmul(b), k, t);
            }));
          }
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> batches() {
    List<DynamicTest> tests = new ArrayList<>();
    int[][] cases = {{3, 13, 17, 19}, {5, 40, 50, 60}, {4, 70, 33, 90}, {2, 1, 20, 20}, {7, 0, 4, 4}};
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] c : cases) {
        int bs = c[0], m = c[1], n = c[2], k = c[3];
        String base = t + " " + bs + "x" + m + "x" + n + "x" + k;
        SplittableRandom r = new SplittableRandom(bs * 1000L + m);
        Tensor a = rand(r, t, bs, m, k), b = rand(r, t, bs, k, n), b2 = rand(r, t, k, n);
        Tensor a1 = rand(r, t, 1, m, k), bT = rand(r, t, bs, n, k).transpose(1, 2);
        tests.add(DynamicTest.dynamicTest(base + " bmm", () -> compare(base, () -> a.bmm(b), k, t)));
        tests.add(DynamicTest.dynamicTest(base + " folded 2-D b", () -> compare(base, () -> a.matmul(b2), k, t)));
        tests.add(DynamicTest.dynamicTest(base + " broadcast a", () -> compare(base, () -> a1.matmul(bT), k, t)));
        tests.add(DynamicTest.dynamicTest(base + " expanded a", () -> compare(base,
            () -> a1.expand(bs, m, k).matmul(b), k, t)));
      }
    }
    return tests.stream();
  }

  /** Batch dims that no single stride can walk ([2,3] over a permuted base) go slice by slice. */
  @Test
  void nonCollapsibleBatch() {
    SplittableRandom r = new SplittableRandom(5);
    Tensor a = rand(r, DType.FLOAT32, 3, 2, 20, 30).permute(1, 0, 2, 3);
    Tensor b = rand(r, DType.FLOAT32, 30, 25);
    Tensor b4 = rand(r, DType.FLOAT32, 2, 1, 30, 25);
    compare("permuted batch", () -> a.matmul(b), 30, DType.FLOAT32);
    compare("permuted batch x broadcast", () -> a.matmul(b4), 30, DType.FLOAT32);
    assertArrayEquals(new int[] {2, 3, 20, 25}, a.matmul(b4).shape());
  }

  /** Output views with a non-unit column stride (allowed by the SPI): dense tile then scatter, or the direct kernel. */
  @Test
  void stridedOutput() {
    SplittableRandom r = new SplittableRandom(9);
    for (int[] s : new int[][] {{40, 50, 30}, {5, 6, 7}}) for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor a = rand(r, t, s[0], s[1]), b = rand(r, t, s[1], s[2]);
      Tensor expected = a.matmul(b);
      Tensor out = Tensor.zeros(t, s[2], s[0]);
      Tensor outT = out.t();
      a.backend().matmul(a.unsqueeze(0).layout(), b.unsqueeze(0).layout(), outT.unsqueeze(0).layout());
      double[] e = expected.toDoubleArray(), g = outT.contiguous().toDoubleArray();
      for (int i = 0; i < e.length; i++) assertEquals(e[i], g[i], 1e-4, t + " element " + i);
    }
  }

  /** Exactly representable inputs give exact results on both paths: catches dropped or doubled terms. */
  @Test
  void exactIntegers() {
    SplittableRandom r = new SplittableRandom(3);
    int m = 50, n = 70, k = 300;
    float[] x = new float[m * k], y = new float[k * n];
    for (int i = 0; i < x.length; i++) x[i] = r.nextInt(-3, 4);
    for (int i = 0; i < y.length; i++) y[i] = r.nextInt(-3, 4);
    float[] got = Tensor.fromArray(x, m, k).matmul(Tensor.fromArray(y, k, n)).toFloatArray();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long s = 0;
        for (int q = 0; q < k; q++) s += (long) x[i * k + q] * (long) y[q * n + j];
        assertEquals(s, got[i * n + j], 0.0, "(" + i + ", " + j + ")");
      }
    }
    assertTrue(got.length == m * n);
  }
}

package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Identities between reductions on seeded random tensors, and pinned edge conventions. */
class ReductionsPropertyTest {
  static final int CASES = 24;

  static Tensor random(SplittableRandom r, int[] shape, DType dt, double scale, double shift) {
    double[] v = new double[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() * scale + shift;
    return Tensor.fromArray(v, shape).to(dt);
  }

  static int[] randomShape(SplittableRandom r) {
    int rank = 1 + r.nextInt(3);
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) s[i] = 1 + r.nextInt(i == rank - 1 ? 40 : 6);
    return s;
  }

  static void close(String what, Tensor expected, Tensor actual, double tol) {
    Golden.assertClose(what, expected, actual, tol, tol);
  }

  @TestFactory
  Stream<DynamicTest> identities() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom seeds = new SplittableRandom(2026);
    for (int c = 0; c < CASES; c++) {
      long seed = seeds.nextLong();
      DType dt = c % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
      tests.add(DynamicTest.dynamicTest("case " + c + " " + dt, () -> check(new SplittableRandom(seed), dt)));
    }
    return tests.stream();
  }

  private static void check(SplittableRandom r, DType dt) {
    int[] shape = randomShape(r);
    int dim = r.nextInt(shape.length);
    int[] d = {dim};
    double tol = dt == DType.FLOAT32 ? 1e-4 : 1e-10;
    Tensor x = random(r, shape, dt, 3, 0);
    String s = Arrays.toString(shape) + " dim " + dim;

    // softmax rows sum to 1, even with large offsets; logSoftmax = log(softmax)
    Tensor big = x.mul(100).add(r.nextBoolean() ? 1000 : -1000);
    close("softmax sums " + s, Tensor.onesLike(x.sum(d, true)), big.softmax(dim).sum(d, true), tol);
    close("logSoftmax = log softmax " + s, x.softmax(dim).log(), x.logSoftmax(dim), tol);

    // logSumExp(x + c) = logSumExp(x) + c
    double shiftBy = r.nextDouble() * 200 - 100;
    close("lse shift " + s, x.logSumExp(d, false).add(shiftBy), x.add(shiftBy).logSumExp(d, false), tol);
    close("lse = log sum exp " + s, x.exp().sum(d, false).log(), x.logSumExp(d, false), tol);

    // sum over all dims == sum of sums, in any order
    Tensor nested = x;
    for (int k = shape.length - 1; k >= 0; k--) nested = nested.sum(new int[] {r.nextInt(k + 1)}, false);
    close("sum of sums " + s, x.sum(), nested, tol * 10);
    close("mean = sum / n " + s, x.sum(d, true).div(shape[dim]), x.mean(d, true), tol);

    // var, std
    Tensor dev = x.sub(x.mean(d, true));
    close("var0 = mean dev^2 " + s, dev.mul(dev).mean(d, false), x.var(d, 0, false), tol);
    if (shape[dim] > 1) {
      close("var1 * (n-1) = var0 * n " + s, x.var(d, 0, false).mul(shape[dim]), x.var(d, 1, false).mul(shape[dim] - 1), tol);
    }
    close("std = sqrt var " + s, x.var(d, 1, true).sqrt(), x.std(d, 1, true), tol);

    // cumsum's last slice is the sum; cumprod's is the prod
    close("cumsum end " + s, x.sum(d, false), x.cumsum(dim).select(dim, shape[dim] - 1), tol * 10);
    Tensor p = random(r, shape, dt, 0.05, 1);
    close("cumprod end " + s, p.prod(d, false), p.cumprod(dim).select(dim, shape[dim] - 1), tol);

    // max with indices: the value sits at the index, is the max, and nothing before it equals it
    ValuesIndices vi = x.maxWithIndices(dim, true);
    close("max values " + s, x.max(d, true), vi.values(), 0);
    double[] xv = x.toDoubleArray();
    long[] idx = vi.indices().toLongArray();
    double[] vals = vi.values().toDoubleArray();
    int inner = 1;
    for (int k = dim + 1; k < shape.length; k++) inner *= shape[k];
    for (int o = 0; o < idx.length; o++) {
      int outer = o / inner, in = o % inner;
      int base = outer * shape[dim] * inner + in;
      assertEquals(vals[o], xv[base + (int) idx[o] * inner], s + ": value at index");
      for (int k = 0; k < idx[o]; k++) assertTrue(xv[base + k * inner] < vals[o], s + ": first max");
    }
    assertEquals(x.argmax().item(), x.flatten().maxWithIndices(0, false).indices().item(), s + ": argmax");

    // norms
    close("norm2 " + s, x.mul(x).sum(d, false).sqrt(), x.norm(2, d, false), tol);
    close("norm1 " + s, x.abs().sum(d, false), x.norm(1, d, false), tol);
    close("norm inf " + s, x.abs().max(d, false), x.norm(Double.POSITIVE_INFINITY, d, false), tol);
    close("norm 3 " + s, x.abs().pow(3).sum(d, false).pow(1.0 / 3), x.norm(3, d, false), tol);

    // counting
    Tensor sparse = x.mul(x.gt(1).to(dt));
    close("countNonzero " + s, sparse.ne(0).sum(d, false), sparse.countNonzero(dim), 0);
    close("any = count > 0 " + s, sparse.countNonzero(dim).gt(0), sparse.any(d, false), 0);
    close("all = count == n " + s, sparse.countNonzero(dim).eq(shape[dim]), sparse.all(d, false), 0);
  }

  @Test
  void emptyReductionsGiveTheIdentity() {
    Tensor e = Tensor.zeros(0, 3);
    int[] d0 = {0};
    assertArrayEquals(new float[] {0, 0, 0}, e.sum(d0, false).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1}, e.prod(d0, false).toFloatArray());
    assertTrue(Float.isNaN(e.mean(d0, false).toFloatArray()[0]));
    assertArrayEquals(new boolean[] {true, true, true}, e.all(d0, false).toBooleanArray());
    assertArrayEquals(new boolean[] {false, false, false}, e.any(d0, false).toBooleanArray());
    assertArrayEquals(new long[] {0, 0, 0}, e.countNonzero(0).toLongArray());
    assertArrayEquals(new float[] {0, 0, 0}, e.norm(Double.POSITIVE_INFINITY, d0, false).toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0}, e.norm(2, d0, false).toFloatArray());
    assertEquals(Float.NEGATIVE_INFINITY, e.logSumExp(d0, false).toFloatArray()[0]);
    assertArrayEquals(new int[] {3, 0}, Tensor.zeros(3, 0).softmax(1).shape());
    assertArrayEquals(new int[] {0}, e.max(new int[] {1}, false).shape());
  }

  @Test
  void infinitiesAndDivisors() {
    Tensor rows = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 0, 1},
        new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
        new float[] {Float.POSITIVE_INFINITY, 1, 2});
    float[] sm = rows.softmax(1).toFloatArray();
    assertEquals(0f, sm[0]);
    assertEquals(1f, sm[1] + sm[2], 1e-6);
    for (int i = 3; i < 9; i++) assertTrue(Float.isNaN(sm[i]), "rows of -inf, or holding +inf, give NaN as torch");
    float[] lse = rows.logSumExp(new int[] {1}, false).toFloatArray();
    assertEquals(Math.log(Math.E + 1), lse[0], 1e-6);
    assertEquals(Float.NEGATIVE_INFINITY, lse[1]);
    assertEquals(Float.POSITIVE_INFINITY, lse[2]);
    Tensor two = Tensor.of(1f, 2f);
    assertEquals(Double.POSITIVE_INFINITY, two.var(new int[0], 3, false).item(), "divisor max(0, 2-3) = 0");
    assertTrue(Double.isNaN(Tensor.of(1f, 1f).var(new int[0], 2, false).item()), "0/0");
    assertEquals(0.25, two.var(new int[0], 0, false).item(), 1e-7);
  }

  @Test
  void dtypesFollowTorch() {
    Tensor ints = Tensor.of(3, 4, 5);
    assertEquals(DType.INT64, ints.sum().dtype());
    assertEquals(60.0, ints.prod().item());
    assertEquals(DType.INT64, ints.cumsum(0).dtype());
    assertEquals(DType.INT64, Tensor.of(true, true, false).sum().dtype());
    assertEquals(2.0, Tensor.of(true, true, false).sum().item());
    assertEquals(DType.INT32, ints.max().dtype());
    assertEquals(DType.INT64, ints.argmax().dtype());
    assertEquals(DType.BOOL, ints.all().dtype());
    assertEquals(DType.FLOAT32, ints.logSumExp(new int[0], false).dtype());
    assertEquals(DType.FLOAT64, Tensor.of(1.0, 2.0).norm().dtype());
    long big = 1L << 62;
    assertEquals(Long.MIN_VALUE, Tensor.of(big, big).sum().toLongArray()[0], "int64 overflow wraps as in torch");
  }

  @Test
  void zeroDimInputs() {
    Tensor s = Tensor.scalar(2.5, DType.FLOAT32);
    assertEquals(0, s.sum(new int[] {0}, true).dim());
    assertEquals(2.5, s.max(new int[] {-1}, false).item());
    ValuesIndices vi = s.maxWithIndices(0, true);
    assertEquals(0, vi.indices().dim());
    assertEquals(0.0, vi.indices().item());
    assertEquals(1.0, s.softmax(0).item());
    assertEquals(0, s.cumsum(0).dim());
    assertEquals(0.0, s.argmax().item());
  }
}

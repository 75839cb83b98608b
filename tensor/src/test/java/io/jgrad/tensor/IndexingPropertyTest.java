package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of gather / scatter / sort and the ops built on them, checked against
 * naive loops over multi-indices, on random shapes, dtypes and non-contiguous layouts, and at
 * sizes that take the kernels' parallel paths.
 */
class IndexingPropertyTest {
  private static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32};

  /** Random values with ties (and NaN / +-0 for floats), in a random layout (permuted or sliced). */
  static Tensor random(SplittableRandom r, DType dtype, int[] shape, boolean specials) {
    int n = Shapes.numel(shape);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(-6, 7);
      if (dtype.isFloatingPoint()) {
        if (r.nextInt(4) == 0) v[i] += r.nextDouble();
        if (specials && r.nextInt(12) == 0) v[i] = new double[] {Double.NaN, -0.0, Double.POSITIVE_INFINITY}[r.nextInt(3)];
      }
    }
    Tensor c = Tensor.fromArray(v, shape).to(dtype);
    return relayout(r, c);
  }

  /** The same values in a non-contiguous layout: a permuted copy permuted back, or a strided slice. */
  static Tensor relayout(SplittableRandom r, Tensor c) {
    int rank = c.dim();
    if (rank < 1 || r.nextInt(3) == 0) return c;
    if (rank >= 2 && r.nextBoolean()) {
      Tensor t = c.transpose(0, rank - 1).contiguous();
      return t.transpose(0, rank - 1);
    }
    int[] wide = c.shape();
    wide[rank - 1] = wide[rank - 1] * 2;
    Tensor w = Tensor.zeros(c.dtype(), wide);
    Tensor view = w.slice(rank - 1, 0, wide[rank - 1], 2);
    view.copyFrom(c);
    return view;
  }

  static int[] randomShape(SplittableRandom r, int rank, int max) {
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) s[i] = r.nextInt(1, max + 1);
    return s;
  }

  /** Row-major multi-index of flat position f. */
  static int[] unflat(int f, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = f % shape[d];
      f /= shape[d];
    }
    return idx;
  }

  static int flat(int[] idx, int[] shape) {
    int f = 0;
    for (int d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
    return f;
  }

  static void assertSameValues(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      boolean ok = Double.isNaN(expected[i]) ? Double.isNaN(actual[i]) : expected[i] == actual[i];
      assertTrue(ok, what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
    }
  }

  @Test
  void gatherMatchesNaiveLoop() {
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 60; trial++) {
      DType dt = DTYPES[trial % DTYPES.length];
      int rank = 1 + trial % 3;
      int[] xs = randomShape(r, rank, 6);
      int dim = r.nextInt(rank);
      int[] is = new int[rank];
      for (int d = 0; d < rank; d++) is[d] = d == dim ? r.nextInt(0, 9) : r.nextInt(1, xs[d] + 1);
      Tensor x = random(r, dt, xs, true);
      long[] iv = new long[Shapes.numel(is)];
      for (int i = 0; i < iv.length; i++) iv[i] = r.nextInt(xs[dim]);
      Tensor index = relayout(r, Tensor.fromArray(iv, is));
      double[] xv = x.toDoubleArray(), got = x.gather(dim - rank, index).toDoubleArray();
      double[] want = new double[iv.length];
      for (int f = 0; f < iv.length; f++) {
        int[] p = unflat(f, is);
        p[dim] = (int) iv[f];
        want[f] = xv[flat(p, xs)];
      }
      assertSameValues(want, got, "gather trial " + trial);
    }
  }

  @Test
  void scatterMatchesNaiveLoopWithRepeatedIndices() {
    SplittableRandom r = new SplittableRandom(2);
    for (int trial = 0; trial < 60; trial++) {
      DType dt = DTYPES[trial % DTYPES.length];
      boolean add = trial % 2 == 0;
      int rank = 1 + trial % 3;
      int[] xs = randomShape(r, rank, 5);
      int dim = r.nextInt(rank);
      int[] is = new int[rank];
      for (int d = 0; d < rank; d++) is[d] = d == dim ? r.nextInt(0, 12) : r.nextInt(1, xs[d] + 1);
      Tensor x = random(r, dt, xs, false);
      Tensor src = random(r, dt, is, false);
      long[] iv = new long[Shapes.numel(is)];
      for (int i = 0; i < iv.length; i++) iv[i] = r.nextInt(xs[dim]);
      Tensor index = relayout(r, Tensor.fromArray(iv, is));
      double[] want = x.toDoubleArray(), sv = src.toDoubleArray();
      for (int f = 0; f < iv.length; f++) {
        int[] p = unflat(f, is);
        p[dim] = (int) iv[f];
        int t = flat(p, xs);
        // Row-major order of the index is the kernel's order along each line: SET keeps the last.
        want[t] = add ? (dt == DType.FLOAT32 ? (float) ((float) want[t] + (float) sv[f]) : want[t] + sv[f]) : sv[f];
      }
      Tensor out = add ? x.scatterAdd(dim, index, src) : x.scatter(dim, index, src);
      assertSameValues(want, out.toDoubleArray(), (add ? "scatterAdd" : "scatter") + " trial " + trial);
    }
  }

  @Test
  void largeScatterAddIsDeterministicAndExact() {
    // 300 x 400 index elements exceed the parallel threshold; integer-valued floats sum exactly.
    SplittableRandom r = new SplittableRandom(3);
    int rows = 300, cols = 400, width = 8;
    long[] iv = new long[rows * cols];
    float[] sv = new float[rows * cols];
    double[] want = new double[rows * width];
    for (int i = 0; i < iv.length; i++) {
      iv[i] = r.nextInt(width);
      sv[i] = r.nextInt(-4, 5);
      want[(i / cols) * width + (int) iv[i]] += sv[i];
    }
    Tensor index = Tensor.fromArray(iv, rows, cols), src = Tensor.fromArray(sv, rows, cols);
    Tensor x = Tensor.zeros(rows, width);
    double[] a = x.scatterAdd(1, index, src).toDoubleArray();
    double[] b = x.scatterAdd(1, index, src).toDoubleArray();
    assertArrayEquals(want, a);
    assertArrayEquals(a, b);
    // Along dim 0 the lines run across rows: the same sums, transposed.
    Tensor t = Tensor.zeros(width, rows).scatterAdd(0, index.t(), src.t());
    assertArrayEquals(want, t.t().contiguous().toDoubleArray());
  }

  /** Reference stable order: NaN largest, -0.0 == 0.0, ties by position. */
  static Integer[] referenceOrder(double[] line, boolean descending) {
    Integer[] p = new Integer[line.length];
    for (int i = 0; i < p.length; i++) p[i] = i;
    Comparator<Integer> byValue = (a, b) -> {
      double x = line[a], y = line[b];
      if (Double.isNaN(x) || Double.isNaN(y)) return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
      return Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
    };
    Arrays.sort(p, descending ? byValue.reversed() : byValue); // Arrays.sort on objects is stable
    return p;
  }

  static void checkSort(Tensor x, int dim, boolean descending, String what) {
    int[] s = x.shape();
    ValuesIndices vi = x.sort(dim, descending);
    double[] xv = x.toDoubleArray(), vv = vi.values().toDoubleArray();
    long[] iv = vi.indices().toLongArray();
    int len = s[dim];
    for (int f = 0; f < xv.length; f++) {
      int[] p = unflat(f, s);
      if (p[dim] != 0) continue;
      double[] line = new double[len];
      for (int i = 0; i < len; i++) {
        p[dim] = i;
        line[i] = xv[flat(p, s)];
      }
      Integer[] order = referenceOrder(line, descending);
      for (int i = 0; i < len; i++) {
        p[dim] = i;
        int at = flat(p, s);
        assertEquals(order[i], (int) iv[at], what + ": index at " + Arrays.toString(p));
        double e = line[order[i]];
        assertTrue(Double.isNaN(e) ? Double.isNaN(vv[at]) : Double.doubleToLongBits(e) == Double.doubleToLongBits(vv[at]),
            what + ": value at " + Arrays.toString(p) + " expected " + e + " was " + vv[at]);
      }
    }
  }

  @Test
  void sortIsStableWithNaNLargestOnAnyAxisAndLayout() {
    SplittableRandom r = new SplittableRandom(4);
    for (int trial = 0; trial < 48; trial++) {
      DType dt = DTYPES[trial % DTYPES.length];
      int rank = 1 + trial % 3;
      int[] shape = randomShape(r, rank, trial < 24 ? 7 : 40);
      Tensor x = random(r, dt, shape, true);
      int dim = r.nextInt(rank);
      checkSort(x, dim, trial % 2 == 0, "sort trial " + trial + " " + dt + " " + Shapes.str(shape) + " dim " + dim);
    }
  }

  @Test
  void sortLinesOfManyLengthsAndTheParallelPath() {
    SplittableRandom r = new SplittableRandom(5);
    for (int len : new int[] {1, 2, 15, 16, 17, 31, 32, 33, 64, 65, 100, 1000}) {
      checkSort(random(r, DType.FLOAT32, new int[] {3, len}, true), 1, len % 2 == 0, "len " + len);
    }
    Tensor big = random(r, DType.FLOAT64, new int[] {70, 600}, true); // 42000 elements: parallel over lines
    checkSort(big, 1, false, "big rows");
    checkSort(big, 0, true, "big columns");
  }

  @Test
  void sortOrdersExtremeInt64Exactly() {
    long[] v = {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, (1L << 53) + 1, 1L << 53, Long.MAX_VALUE - 1};
    ValuesIndices vi = Tensor.of(v).sort(0, false);
    assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE},
        vi.values().toLongArray());
    assertArrayEquals(new long[] {1, 3, 2, 5, 4, 6, 0}, vi.indices().toLongArray());
  }

  @Test
  void sortKeepsNegativeZeroAndTiesInPlace() {
    Tensor x = Tensor.of(0.0f, -0.0f, Float.NaN, -1f, 0.0f, Float.NaN);
    ValuesIndices asc = x.sort(0, false), desc = x.sort(0, true);
    assertArrayEquals(new long[] {3, 0, 1, 4, 2, 5}, asc.indices().toLongArray());
    assertArrayEquals(new long[] {2, 5, 0, 1, 4, 3}, desc.indices().toLongArray());
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(asc.values().toFloatArray()[2]), "-0.0 survives");
  }

  @Test
  void selectionsAgreeWithSort() {
    SplittableRandom r = new SplittableRandom(6);
    for (int trial = 0; trial < 30; trial++) {
      DType dt = DTYPES[trial % DTYPES.length];
      int[] shape = randomShape(r, 2, 9);
      Tensor x = random(r, dt, shape, true);
      int dim = r.nextInt(2), n = shape[dim], k = r.nextInt(1, n + 1);
      boolean largest = r.nextBoolean();
      ValuesIndices top = x.topk(k, dim, largest, true);
      Tensor sorted = x.sort(dim, largest).values();
      assertSameValues(sorted.narrow(dim, 0, k).toDoubleArray(), top.values().toDoubleArray(), "topk values " + trial);
      assertSameValues(top.values().toDoubleArray(), x.gather(dim, top.indices()).toDoubleArray(), "topk indices " + trial);
      ValuesIndices kth = x.kthvalue(k, dim, true);
      Tensor asc = x.sort(dim, false).values();
      assertSameValues(asc.narrow(dim, k - 1, 1).toDoubleArray(), kth.values().toDoubleArray(), "kthvalue " + trial);
      assertSameValues(kth.values().toDoubleArray(), x.gather(dim, kth.indices()).toDoubleArray(), "kthvalue indices " + trial);
      ValuesIndices med = x.median(dim, true);
      assertSameValues(med.values().toDoubleArray(), x.gather(dim, med.indices()).toDoubleArray(), "median indices " + trial);
    }
  }

  @Test
  void indexSelectTakeAndMaskedSelectMatchNaiveLoops() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 30; trial++) {
      DType dt = DTYPES[trial % DTYPES.length];
      int[] xs = randomShape(r, 3, 5);
      Tensor x = random(r, dt, xs, true);
      double[] xv = x.toDoubleArray();
      int dim = r.nextInt(3);
      long[] iv = new long[r.nextInt(0, 7)];
      for (int i = 0; i < iv.length; i++) iv[i] = r.nextInt(xs[dim]);
      double[] got = x.indexSelect(dim, Tensor.of(iv)).toDoubleArray();
      int[] os = xs.clone();
      os[dim] = iv.length;
      for (int f = 0; f < got.length; f++) {
        int[] p = unflat(f, os);
        p[dim] = (int) iv[p[dim]];
        assertEquals(xv[flat(p, xs)], got[f], 0, "indexSelect trial " + trial);
      }
      long[] tv = new long[r.nextInt(0, 10)];
      for (int i = 0; i < tv.length; i++) tv[i] = r.nextInt(-xv.length, xv.length);
      double[] taken = x.take(Tensor.of(tv)).toDoubleArray();
      for (int i = 0; i < tv.length; i++) {
        double e = xv[(int) (tv[i] < 0 ? tv[i] + xv.length : tv[i])];
        assertTrue(Double.compare(e, taken[i]) == 0 || e == taken[i], "take trial " + trial);
      }
      boolean[] mv = new boolean[xv.length];
      for (int i = 0; i < mv.length; i++) mv[i] = r.nextBoolean();
      Tensor mask = relayout(r, Tensor.of(mv).reshape(xs));
      double[] sel = x.maskedSelect(mask).toDoubleArray();
      long[] nz = mask.nonzero().toLongArray();
      int j = 0;
      for (int i = 0; i < mv.length; i++) {
        if (!mv[i]) continue;
        int[] p = unflat(i, xs);
        for (int d = 0; d < 3; d++) assertEquals(p[d], nz[j * 3 + d], "nonzero trial " + trial);
        assertTrue(Double.compare(xv[i], sel[j]) == 0 || xv[i] == sel[j], "maskedSelect trial " + trial);
        j++;
      }
      assertEquals(j, sel.length, "maskedSelect count");
    }
  }

  @Test
  void maskedFillInPlaceMatchesOutOfPlaceOnLargeAndStridedTensors() {
    SplittableRandom r = new SplittableRandom(9);
    for (int[] shape : new int[][] {{100, 101}, {3, 17}, {1 << 16, 2}}) {
      for (DType dt : DTYPES) {
        Tensor x = random(r, dt, shape, true);
        boolean[] mv = new boolean[shape[1]];
        for (int i = 0; i < mv.length; i++) mv[i] = r.nextBoolean();
        Tensor mask = Tensor.of(mv); // broadcasts over rows
        double[] want = x.toDoubleArray();
        for (int i = 0; i < want.length; i++) if (mv[i % shape[1]]) want[i] = -3;
        assertSameValues(want, x.maskedFill(mask, -3).toDoubleArray(), "maskedFill " + dt);
        // x may be a strided view (see random): the in-place path writes through its strides.
        assertSameValues(want, x.maskedFillInPlace(mask, -3).toDoubleArray(), "maskedFillInPlace " + dt);
        assertSameValues(want, x.toDoubleArray(), "maskedFillInPlace modifies this " + dt);
      }
    }
  }

  @Test
  void indexAddAccumulatesRepeatsWithAlpha() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 3, 2);
    Tensor src = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
    Tensor out = x.indexAdd(0, Tensor.of(new long[] {2, 0, 2, 2}), src, 0.5);
    assertArrayEquals(new double[] {1.5, 2, 0, 0, 6.5, 8}, out.toDoubleArray()); // row 2 = (1+5+7, 2+6+8) / 2
    assertArrayEquals(new double[6], x.toDoubleArray(), "input unchanged");
  }

  @Test
  void oneHotRoundTrips() {
    SplittableRandom r = new SplittableRandom(8);
    long[] v = new long[50];
    for (int i = 0; i < v.length; i++) v[i] = r.nextInt(7);
    Tensor x = Tensor.fromArray(v, 5, 10);
    Tensor oh = x.oneHot(-1);
    long max = Arrays.stream(v).max().getAsLong();
    assertArrayEquals(new int[] {5, 10, (int) max + 1}, oh.shape());
    long[] o = oh.toLongArray();
    for (int i = 0; i < v.length; i++) {
      for (int c = 0; c <= max; c++) assertEquals(c == v[i] ? 1 : 0, o[i * ((int) max + 1) + c]);
    }
  }
}

package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Vector API reduction and softmax kernels against their scalar twins
 * ({@code CpuBackend.forceScalar}): sizes 0, 1, lanes-1, lanes, lanes+1, primes, sizes past
 * the cascade block and the parallel thresholds, rows and columns layouts, non-contiguous
 * views, float32 and float64, NaN placed anywhere.
 */
class ReductionsDifferentialTest {
  static final int LANES = CpuConfig.FLOAT.length();
  static final int[] SIZES = {0, 1, LANES - 1, LANES, LANES + 1, 2 * LANES + 1, 97, 1031, 5003};

  @AfterEach
  void reset() { CpuBackend.forceScalar(false); }

  /** One layout of an input: a name and how to derive the view from a contiguous base. */
  record Layout(String name, int[] baseShape, Function<Tensor, Tensor> view) {}

  static List<Layout> layouts(int n) {
    List<Layout> l = new ArrayList<>();
    l.add(new Layout("[n]", new int[] {n}, t -> t));
    l.add(new Layout("[3,n]", new int[] {3, n}, t -> t));
    l.add(new Layout("[n,3]", new int[] {n, 3}, t -> t));
    l.add(new Layout("[2,n,5]", new int[] {2, n, 5}, t -> t));
    l.add(new Layout("[n,3]^T", new int[] {n, 3}, t -> t.t()));
    l.add(new Layout("[4,2n:2]", new int[] {4, 2 * n}, t -> t.slice(1, 0, 2 * n, 2)));
    l.add(new Layout("[1,n]->[3,n]", new int[] {1, n}, t -> t.expand(3, n)));
    return l;
  }

  static Tensor random(SplittableRandom r, int[] shape, DType dtype, double lo, double hi) {
    int n = Shapes.numel(shape);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
    return Tensor.fromArray(v, shape).to(dtype);
  }

  /** The op under both kernels; float32 tolerance covers the different summation orders. */
  static void compare(String what, Tensor x, Function<Tensor, Tensor> op) {
    CpuBackend.forceScalar(true);
    Tensor expected = op.apply(x);
    CpuBackend.forceScalar(false);
    Tensor actual = op.apply(x);
    double tol = x.dtype() == DType.FLOAT32 ? 2e-5 : 1e-12;
    Golden.assertClose(what, expected, actual, tol, tol);
  }

  @TestFactory
  Stream<DynamicTest> reductionsMatchScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(7);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int n : SIZES) {
        for (Layout lay : layouts(n)) {
          long seed = rnd.nextLong();
          tests.add(DynamicTest.dynamicTest(dt + " " + lay.name() + " n=" + n, () -> {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = lay.view().apply(random(r, lay.baseShape(), dt, -2, 2));
            Tensor px = lay.view().apply(random(r, lay.baseShape(), dt, 0.9, 1.1));
            int rank = x.dim();
            List<int[]> dimSets = new ArrayList<>(List.of(new int[0], new int[] {-1}, new int[] {0}));
            if (rank == 3) dimSets.add(new int[] {0, 2});
            for (int[] dims : dimSets) {
              String d = java.util.Arrays.toString(dims);
              compare("sum" + d, x, t -> t.sum(dims, false));
              compare("mean" + d, x, t -> t.mean(dims, true));
              compare("prod" + d, px, t -> t.prod(dims, false));
              if (x.numel() > 0 || dims.length > 0 && x.size(dims[0]) > 0) {
                compare("max" + d, x, t -> t.max(dims, false));
                compare("min" + d, x, t -> t.min(dims, true));
              }
            }
            if (x.numel() > 0) {
              compare("argmax -1", x, t -> t.argmax(-1, false));
              compare("argmin 0", x, t -> t.argmin(0, true));
              compare("max values -1", x, t -> t.maxWithIndices(-1, false).values());
              compare("argmax flat", x, Tensor::argmax);
            }
            compare("cumsum 0", x, t -> t.cumsum(0));
            compare("cumsum -1", x, t -> t.cumsum(-1));
            compare("cumprod 0", px, t -> t.cumprod(0));
            compare("softmax", x, t -> t.softmax(-1));
            compare("logSoftmax", x, t -> t.logSoftmax(-1));
            compare("softmax0", x, t -> t.softmax(0));
          }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> nanPropagatesInVectorMaxMin() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int n : new int[] {1, LANES - 1, LANES, LANES + 1, 97}) {
      for (int pos : new int[] {0, n / 2, n - 1}) {
        tests.add(DynamicTest.dynamicTest("n=" + n + " nan@" + pos, () -> {
          float[] v = new float[3 * n];
          SplittableRandom r = new SplittableRandom(n * 31L + pos);
          for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
          v[n + pos] = Float.NaN;
          Tensor rows = Tensor.fromArray(v, 3, n);
          Tensor cols = rows.t().contiguous();
          for (Tensor t : new Tensor[] {rows.max(new int[] {1}, false), rows.min(new int[] {1}, false),
              cols.max(new int[] {0}, false), cols.min(new int[] {0}, false)}) {
            float[] out = t.toFloatArray();
            assertTrue(Float.isNaN(out[1]), "row with NaN gives NaN: " + t);
            assertTrue(!Float.isNaN(out[0]) && !Float.isNaN(out[2]), "other rows unaffected: " + t);
          }
          assertTrue(Double.isNaN(rows.max().item()) && Double.isNaN(rows.min().item()));
          assertEquals(pos, rows.argmax(1, false).toLongArray()[1], "argmax picks the NaN");
          assertEquals(pos, rows.argmin(1, false).toLongArray()[1], "argmin picks the NaN");
          assertEquals(n + pos, (long) rows.argmax().item(), "flat argmax picks the NaN");
          assertTrue(Float.isNaN((float) rows.softmax(1).get(1, 0)));
        }));
      }
    }
    return tests.stream();
  }

  /** Scans along an outer axis run row by row; they must equal the column-by-column walk. */
  @Test
  void scanRowOrderEqualsLineOrder() {
    SplittableRandom r = new SplittableRandom(5);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      Tensor x = random(r, new int[] {37, 70}, dt, -3, 3);
      Tensor viaLines = x.t().contiguous().cumsum(1).t();
      Golden.assertClose("cumsum " + dt, viaLines, x.cumsum(0), 0, 0);
      Tensor p = random(r, new int[] {2, 19, 33}, dt, 0.9, 1.1);
      Golden.assertClose("cumprod " + dt, p.transpose(1, 2).contiguous().cumprod(2).transpose(1, 2), p.cumprod(1), 0, 0);
    }
  }

  @Test
  void parallelPathsMatchScalar() {
    SplittableRandom r = new SplittableRandom(11);
    Tensor big = random(r, new int[] {300_001}, DType.FLOAT32, -1, 1);
    compare("sum 300001 (split row)", big, t -> t.sum());
    compare("max 300001 (split row)", big, t -> t.max());
    Tensor m = random(r, new int[] {700, 301}, DType.FLOAT32, -1, 1);
    for (int d = 0; d < 2; d++) {
      int[] dims = {d};
      compare("sum dim " + d, m, t -> t.sum(dims, false));
      compare("min dim " + d, m, t -> t.min(dims, false));
    }
    compare("softmax rows", m, t -> t.softmax(1));
    compare("softmax columns", m, t -> t.softmax(0));
    compare("logSoftmax columns", m, t -> t.logSoftmax(0));
    compare("argmax rows", m, t -> t.argmax(1, false));
    compare("cumsum columns", m, t -> t.cumsum(0));
    compare("logSoftmax rows", m, t -> t.logSoftmax(1));
    Tensor wide = random(r, new int[] {3, 40_000}, DType.FLOAT64, -1, 1);
    compare("sum columns wide", wide, t -> t.sum(new int[] {0}, false));
  }

  /** Single outputs over many strided elements are split across threads; check them against plain loops. */
  @Test
  void splitStridedFullReductions() {
    int n = 600_001;
    long[] lv = new long[n];
    double[] dv = new double[n];
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < n; i++) {
      lv[i] = r.nextInt(-1000, 1000);
      dv[i] = r.nextDouble() - 0.25;
    }
    lv[n - 1] = 5000;
    long lsum = 0, lmax = Long.MIN_VALUE;
    double dsum = 0;
    for (int i = 0; i < n; i += 2) {
      lsum += lv[i];
      lmax = Math.max(lmax, lv[i]);
      dsum += dv[i];
    }
    Tensor l = Tensor.fromArray(lv, n).slice(0, 0, n, 2);
    assertEquals(lsum, l.sum().toLongArray()[0]);
    assertEquals(lmax, l.max().toLongArray()[0]);
    assertEquals(dsum, Tensor.fromArray(dv, n).slice(0, 0, n, 2).sum().item(), 1e-9 * Math.abs(dsum) + 1e-9);
    Tensor grid = Tensor.fromArray(dv, 1, n).expand(3, n).slice(1, 0, n, 2);
    assertEquals(3 * dsum, grid.sum().item(), 1e-9 * Math.abs(dsum) + 1e-9, "several strided runs");
    assertEquals(true, Tensor.fromArray(lv, n).slice(0, 1, n, 2).ne(0).any().item() != 0);
  }

  /** Cascaded float32 sums of 16M values stay within 1e-5 relative of a double sum (the brief asks 1e-3 of torch). */
  @Test
  void largeFloatSumIsAccurate() {
    int n = 1 << 24;
    float[] v = new float[n];
    SplittableRandom r = new SplittableRandom(3);
    double exact = 0;
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() + 0.5);
      exact += v[i];
    }
    Tensor x = Tensor.fromArray(v, n);
    double got = x.sum().item();
    assertEquals(exact, got, 1e-5 * exact, "row sum");
    double cols = x.view(4096, 4096).sum(new int[] {0}, false).sum().item();
    assertEquals(exact, cols, 1e-5 * exact, "column sums");
    assertEquals(exact / n, x.mean().item(), 1e-5 * exact / n, "mean");
  }
}

package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.ScatterMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OpenCL gather, scatter (SET/ADD, repeated indices) and nonzero against the CPU backend,
 * exactly: scatter applies each line in index order as the CPU does, so even float ADD and
 * SET with repeats agree bit for bit.
 */
@RequiresOpenCL
class ClIndexingTest {
  private static final Tolerance EXACT = new Tolerance(0, 0);
  private static final DType[] DTYPES = DType.values();
  // x/target shapes; index shapes are these with some dims shrunk and the axis resized
  private static final List<int[]> SHAPES = List.of(new int[] {1}, new int[] {17}, new int[] {5, 7},
      new int[] {3, 33, 2}, new int[] {2, 3, 4, 5}, new int[] {0, 4}, new int[] {97}, new int[] {16, 15});

  @Test
  void gatherAndScatterMatchCpu() {
    SplittableRandom rnd = new SplittableRandom(21);
    int cases = 0;
    for (int s = 0; s < SHAPES.size(); s++) {
      int[] xs = SHAPES.get(s);
      for (int ax = 0; ax < xs.length; ax++) {
        for (int rep = 0; rep < 2; rep++) {
          final int axis = ax;
          DType t = DTYPES[(s + axis + rep) % DTYPES.length];
          int size = xs[axis];
          int[] is = xs.clone();
          for (int d = 0; d < is.length; d++) if (d != axis && is[d] > 1) is[d] -= rnd.nextInt(2);
          is[axis] = size == 0 ? 0 : 1 + rnd.nextInt(2 * size + 2); // longer than the axis: repeats
          Layout lx = Layout.values()[(s + axis + rep) % 4], li = Layout.values()[(s + axis + rep + 1) % 4];
          Layout lo = rep == 0 ? Layout.CONTIGUOUS : Layout.STRIDED;
          Input x = Differential.input(t, xs, lx, rnd);
          Input index = Differential.input(DType.INT64, is, li, rnd, (r, tt) -> r.nextInt(Math.max(size, 1))).relabel("index");
          Input out = Differential.input(t, is, lo, rnd).relabel("out");
          cases += Differential.check("gather " + x + " axis " + axis + " " + index, (be, v) -> {
            be.gather(v[0], axis, v[1], v[2]);
            return null;
          }, EXACT, x, index, out);
          for (ScatterMode mode : ScatterMode.values()) {
            Input src = Differential.input(t, is, lx, rnd).relabel("src");
            Input target = Differential.input(t, xs, lo, rnd).relabel("target");
            cases += Differential.check("scatter " + mode + " " + src + " axis " + axis + " " + index, (be, v) -> {
              be.scatter(mode, v[0], axis, v[1], v[2]);
              return null;
            }, EXACT, src, index, target);
          }
        }
      }
    }
    assertEquals(3 * 2 * 16, cases);
    CoverageRegistry.record("gather", "gather", cases / 3);
    CoverageRegistry.record("scatter", "SET", cases / 3);
    CoverageRegistry.record("scatter", "ADD", cases / 3);
  }

  @Test
  void scatterLongLinesTakesTheSortedPathAndStillMatchesCpu() {
    SplittableRandom rnd = new SplittableRandom(25);
    int cases = 0;
    // {target rows, index length, columns}: vectors, embedding-gradient shapes, many repeats
    int[][] geometry = {{1, 257, 1}, {7, 1000, 1}, {50, 4099, 1}, {30, 600, 3}, {1000, 300, 2}};
    for (int[] g : geometry) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL}) {
        for (ScatterMode mode : ScatterMode.values()) {
          int rows = g[0];
          Input index = Differential.input(DType.INT64, new int[] {g[1], g[2]}, Layout.TRANSPOSED, rnd,
              (r, tt) -> r.nextInt(rows)).relabel("index");
          if (cases % 2 == 1) {
            // a 1-D index expanded along the columns (stride 0), as indexAdd passes it: sorted once
            long[] base = new long[g[1]];
            for (int i = 0; i < base.length; i++) base[i] = rnd.nextInt(rows);
            index = new Input("expanded index", DType.INT64, base, new int[] {g[1], g[2]}, new int[] {1, 0}, 0);
          }
          Input src = Differential.input(t, new int[] {g[1], g[2]}, Layout.TRANSPOSED, rnd).relabel("src");
          Input target = Differential.input(t, new int[] {rows, g[2]}, Layout.STRIDED, rnd).relabel("target");
          assertTrue(g[1] > ClIndexing.SERIAL_MAX);
          cases += Differential.check("scatter " + mode + " " + src + " axis 0 " + index, (be, v) -> {
            be.scatter(mode, v[0], 0, v[1], v[2]);
            return null;
          }, EXACT, src, index, target);
        }
      }
    }
    assertEquals(5 * 4 * 2, cases);
    CoverageRegistry.record("scatter", "SET", cases / 2);
    CoverageRegistry.record("scatter", "ADD", cases / 2);
  }

  @Test
  void zeroDimViews() {
    SplittableRandom rnd = new SplittableRandom(22);
    Input x = Differential.input(DType.FLOAT32, new int[] {}, Layout.STRIDED, rnd);
    Input index = Differential.input(DType.INT64, new int[] {}, Layout.CONTIGUOUS, rnd, (r, t) -> 0).relabel("index");
    Input out = Differential.output(DType.FLOAT32, new int[] {}, rnd);
    int cases = Differential.check("gather 0-dim", (be, v) -> {
      be.gather(v[0], 0, v[1], v[2]);
      return null;
    }, EXACT, x, index, out);
    cases += Differential.check("scatter ADD 0-dim", (be, v) -> {
      be.scatter(ScatterMode.ADD, v[0], 0, v[1], v[2]);
      return null;
    }, EXACT, x, index, out);
    assertEquals(2, cases);
  }

  @Test
  void nonzeroMatchesCpu() {
    SplittableRandom rnd = new SplittableRandom(23);
    List<int[]> shapes = List.of(new int[] {0}, new int[] {1}, new int[] {15}, new int[] {16}, new int[] {17},
        new int[] {3, 33}, new int[] {2, 3, 97}, new int[] {4, 0, 3}, new int[] {1000});
    int cases = 0;
    for (int s = 0; s < shapes.size(); s++) {
      for (DType t : DTYPES) {
        // a third zeros; floats also -0.0 (zero) and NaN (nonzero)
        Input x = Differential.input(t, shapes.get(s), Layout.values()[(s + t.ordinal()) % 4], rnd,
            (r, tt) -> switch (r.nextInt(6)) { case 0, 1 -> 0; case 2 -> -0.0; case 3 -> Double.NaN; default -> r.nextInt(1, 4); });
        cases += Differential.check("nonzero " + x, (be, v) -> be.nonzero(v[0]), EXACT, x);
      }
    }
    assertEquals(45, cases);
    CoverageRegistry.record("nonzero", "nonzero", cases);
  }

  @Test
  void rejectsNonInt64Index() {
    SplittableRandom rnd = new SplittableRandom(24);
    Backend cl = Differential.opencl();
    var x = Differential.input(DType.FLOAT32, new int[] {4}, Layout.CONTIGUOUS, rnd).on(cl);
    var index = Differential.input(DType.INT32, new int[] {4}, Layout.CONTIGUOUS, rnd, (r, t) -> 1).on(cl);
    var e = assertThrows(IllegalArgumentException.class, () -> cl.gather(x, 0, index, x));
    assertTrue(e.getMessage().contains("gather: index must be int64, got int32"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> cl.scatter(ScatterMode.ADD, x, 0, index, x));
    assertTrue(e2.getMessage().contains("scatter: index must be int64, got int32"), e2.getMessage());
  }
}

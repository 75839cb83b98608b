package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.kernels.opencl.Differential.Values;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OpenCL sort against the CPU backend, values and indices exactly: ties (stability in both
 * directions), NaN, +-inf and -0.0, every axis, lengths around powers of two, every dtype.
 */
@RequiresOpenCL
class ClSortTest {
  private static final Tolerance EXACT = new Tolerance(0, 0);
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1, -1, 2};
  private static final Values TIES = (r, t) -> t.isFloatingPoint() ? SPECIAL[r.nextInt(SPECIAL.length)]
      : t.isBool() ? r.nextInt(2) : r.nextInt(-4, 5);

  @Test
  void matchesCpuOnEveryAxisAndDtype() {
    SplittableRandom rnd = new SplittableRandom(31);
    int cases = 0;
    for (int[] shape : Differential.SHAPES) {
      for (DType t : DType.values()) {
        for (int axis = 0; axis < Math.max(shape.length, 1); axis++) {
          for (boolean desc : new boolean[] {false, true}) {
            int li = cases;
            Input x = Differential.input(t, shape, Layout.values()[li % 4], rnd, TIES);
            Layout lo = li % 2 == 0 ? Layout.CONTIGUOUS : Layout.STRIDED;
            cases += check(x, axis, desc, lo, rnd);
          }
        }
      }
    }
    // SHAPES hold 22 axes (a 0-dim view sorts as one element)
    assertEquals(22 * 5 * 2, cases);
    CoverageRegistry.record("sort", "sort", cases);
  }

  @Test
  void longLinesWithManyTies() {
    SplittableRandom rnd = new SplittableRandom(32);
    int cases = 0;
    for (int len : new int[] {255, 256, 257, 1025, 4099}) {
      for (DType t : new DType[] {DType.FLOAT32, DType.INT64}) {
        Input x = Differential.input(t, new int[] {2, len}, Layout.TRANSPOSED, rnd, (r, tt) -> r.nextInt(50) / 4.0);
        cases += check(x, 1, cases % 2 == 0, Layout.CONTIGUOUS, rnd);
      }
    }
    assertEquals(10, cases);
    CoverageRegistry.record("sort", "sort", cases);
  }

  @Test
  void rejectsWrongIndicesDtype() {
    SplittableRandom rnd = new SplittableRandom(33);
    Backend cl = Differential.opencl();
    var x = Differential.input(DType.FLOAT32, new int[] {5}, Layout.CONTIGUOUS, rnd).on(cl);
    var bad = Differential.input(DType.INT32, new int[] {5}, Layout.CONTIGUOUS, rnd).on(cl);
    var e = assertThrows(IllegalArgumentException.class, () -> cl.sort(x, 0, false, x, bad));
    assertTrue(e.getMessage().contains("sort: expected values float32 and indices INT64, got float32 and int32"), e.getMessage());
    var longer = Differential.input(DType.INT64, new int[] {6}, Layout.CONTIGUOUS, rnd).on(cl);
    var e2 = assertThrows(IllegalArgumentException.class, () -> cl.sort(x, 0, false, x, longer));
    assertTrue(e2.getMessage().contains("sort: values [5] and indices [6] must have x's shape [5]"), e2.getMessage());
  }

  private static int check(Input x, int axis, boolean desc, Layout lo, SplittableRandom rnd) {
    Input values = Differential.input(x.dtype(), x.shape(), lo, rnd).relabel("values");
    Input indices = Differential.input(DType.INT64, x.shape(), lo, rnd).relabel("indices");
    return Differential.check("sort " + x + " axis " + axis + (desc ? " descending" : ""), (be, v) -> {
      be.sort(v[0], axis, desc, v[1], v[2]);
      return null;
    }, EXACT, x, values, indices);
  }
}

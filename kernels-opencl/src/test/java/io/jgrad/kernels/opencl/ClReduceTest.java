package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ReduceOp over sets of axes (none, each, first+last, all) and argReduce MAX/MIN along
 * each axis, against the CPU backend; large shapes take the work-group and two-pass paths.
 */
@RequiresOpenCL
class ClReduceTest {
  /** Shapes beyond SHAPES that reach the tree kernels (>= 128 per output) and the split into pieces. */
  static final List<int[]> BIG = List.of(new int[] {3, 1000}, new int[] {1000, 3}, new int[] {200000},
      new int[] {2, 70000}, new int[] {64, 130}, new int[] {5, 40, 7});

  static List<DType> dtypes(ReduceOp op) {
    return switch (op) {
      case MEAN -> List.of(DType.FLOAT32, DType.FLOAT64);
      case ALL, ANY -> List.of(DType.BOOL, DType.INT32, DType.INT64);
      default -> List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64);
    };
  }

  /** Output dtype as the tensor layer picks it: sums and products of ints in int64, ALL/ANY bool. */
  static DType outType(ReduceOp op, DType t) {
    if (op == ReduceOp.ALL || op == ReduceOp.ANY) return DType.BOOL;
    if ((op == ReduceOp.SUM || op == ReduceOp.PROD) && !t.isFloatingPoint()) return DType.INT64;
    return t;
  }

  /**
   * float32 sums and products accumulate in another order than the CPU's (its scalar path adds
   * in double, its vector path in float lanes; here a float tree), so they get 1e-4.
   */
  static Tolerance tolerance(ReduceOp op, DType t) {
    if (t == DType.FLOAT32 && (op == ReduceOp.SUM || op == ReduceOp.MEAN || op == ReduceOp.PROD)) return new Tolerance(1e-4, 1e-4);
    return Differential.tolerance(t);
  }

  static List<int[]> axisSets(int rank) {
    List<int[]> sets = new ArrayList<>();
    sets.add(new int[0]);
    for (int d = 0; d < rank; d++) sets.add(new int[] {d});
    if (rank >= 2) {
      sets.add(new int[] {0, rank - 1});
      int[] all = new int[rank];
      for (int d = 0; d < rank; d++) all[d] = d;
      sets.add(all);
    }
    return sets;
  }

  @TestFactory
  Stream<DynamicTest> everyOp() {
    return Stream.of(ReduceOp.values()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      SplittableRandom r = new SplittableRandom(300 + op.ordinal());
      int cases = 0, expected = 0;
      List<int[]> shapes = new ArrayList<>(Differential.SHAPES);
      shapes.addAll(BIG);
      for (DType t : dtypes(op)) {
        DType ot = outType(op, t);
        for (int[] shape : shapes) {
          boolean big = BIG.contains(shape);
          for (int[] axes : axisSets(shape.length)) {
            if (!reducible(op, shape, axes)) continue;
            int[] outShape = shape.clone();
            for (int a : axes) outShape[a] = 1;
            for (Layout l : big ? List.of(Layout.values()[cases % 3]) : List.of(Layout.values())) {
              Differential.Values values = op == ReduceOp.PROD && !t.isFloatingPoint()
                  ? (rr, tt) -> rr.nextInt(-2, 3) : Differential.SPECIALS;
              Input x = Differential.input(t, shape, l, r, big ? Differential.DEFAULT : values);
              cases += Differential.check(op + " " + Arrays.toString(axes) + " " + x, (be, v) -> {
                be.reduce(op, v[0], axes, v[1]);
                return null;
              }, tolerance(op, t), x, Differential.output(ot, outShape, r));
              expected++;
            }
          }
        }
      }
      assertEquals(expected, cases);
      assertTrue(cases > 200, op + ": " + cases);
      CoverageRegistry.record("reduce", op.name(), cases);
    }));
  }

  // MAX/MIN of nothing is an error on both backends (tested below), not a case.
  private static boolean reducible(ReduceOp op, int[] shape, int[] axes) {
    if (op != ReduceOp.MAX && op != ReduceOp.MIN) return true;
    long count = 1;
    for (int a : axes) count *= shape[a];
    return count > 0;
  }

  @TestFactory
  Stream<DynamicTest> argReduce() {
    return Stream.of(ReduceOp.MAX, ReduceOp.MIN).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      SplittableRandom r = new SplittableRandom(400 + op.ordinal());
      int cases = 0;
      List<int[]> shapes = new ArrayList<>(Differential.SHAPES.stream().filter(s -> s.length > 0 && Arrays.stream(s).allMatch(d -> d > 0)).toList());
      shapes.addAll(BIG);
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
        for (int[] shape : shapes) {
          for (int axis = 0; axis < shape.length; axis++) {
            int[] outShape = shape.clone();
            outShape[axis] = 1;
            // Few distinct values, so ties (first index wins) are common; NaNs among the floats.
            Differential.Values ties = (rr, tt) -> rr.nextInt(20) == 0 && tt.isFloatingPoint() ? Double.NaN : rr.nextInt(-4, 5);
            Input x = Differential.input(t, shape, Layout.values()[(axis + shape.length) % 4], r, ties);
            int ax = axis;
            cases += Differential.check("arg" + op + " axis " + axis + " " + x, (be, v) -> {
              be.argReduce(op, v[0], ax, v[1], v[2]);
              return null;
            }, Differential.tolerance(t), x, Differential.output(t, outShape, r), Differential.output(DType.INT64, outShape, r));
          }
        }
      }
      assertTrue(cases > 60, "cases " + cases);
      CoverageRegistry.record("argReduce", op.name(), cases);
    }));
  }

  @Test
  void maxOverNothingIsAnError() {
    var cl = Differential.opencl();
    Buffer x = cl.allocate(DType.FLOAT32, 0);
    Buffer o = cl.allocate(DType.FLOAT32, 3);
    try {
      View xv = new View(x, DType.FLOAT32, new int[] {3, 0}, new int[] {0, 1}, 0);
      View ov = new View(o, DType.FLOAT32, new int[] {3, 1}, new int[] {1, 1}, 0);
      var e = assertThrows(IllegalArgumentException.class, () -> cl.reduce(ReduceOp.MAX, xv, new int[] {1}, ov));
      assertTrue(e.getMessage().contains("MAX") && e.getMessage().contains("[3, 0]"), e.getMessage());
    } finally {
      x.release();
      o.release();
    }
  }
}

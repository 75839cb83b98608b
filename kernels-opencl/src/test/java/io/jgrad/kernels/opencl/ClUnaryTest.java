package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every UnaryOp (with its parameters) against the CPU backend: shapes x layouts, float32/64, ints. */
@RequiresOpenCL
class ClUnaryTest {
  private static final List<UnaryOp> INTEGRAL = List.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU,
      UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC, UnaryOp.NAN_TO_NUM, UnaryOp.CLAMP,
      UnaryOp.POW_SCALAR, UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE);

  /** Parameter sets per op (none for most). */
  static List<double[]> params(UnaryOp op, DType t) {
    return switch (op) {
      case LEAKY_RELU -> List.of(new double[] {0.1});
      case ELU -> List.of(new double[] {1.3});
      case SOFTPLUS -> List.of(new double[] {2, 5}, new double[] {1, 20});
      case CLAMP -> List.of(new double[] {-1, 1.5}, new double[] {Double.NaN, 0.5}, new double[] {-2, Double.NaN});
      case POW_SCALAR -> t.isFloatingPoint()
          ? List.of(new double[] {2}, new double[] {0.5}, new double[] {-0.5}, new double[] {1.7}, new double[] {-3})
          : List.of(new double[] {2}, new double[] {3}, new double[] {0}, new double[] {-1});
      case NAN_TO_NUM -> List.of(new double[] {0, 100, -100}, new double[] {-7, 3.4028234663852886E38, -1e300});
      default -> List.of(new double[0]);
    };
  }

  @TestFactory
  Stream<DynamicTest> everyOp() {
    return Stream.of(UnaryOp.values()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      int cases = 0, expected = 0;
      SplittableRandom r = new SplittableRandom(op.ordinal());
      for (DType t : dtypes(op)) {
        DType ot = op.isPredicate() ? DType.BOOL : t;
        for (double[] p : params(op, t)) {
          for (int[] shape : Differential.SHAPES) {
            for (Layout l : Layout.values()) {
              Input x = Differential.input(t, shape, l, r, Differential.SPECIALS);
              Input out = Differential.output(ot, shape, r);
              cases += Differential.check(op + " " + java.util.Arrays.toString(p) + " " + x, (be, v) -> {
                be.unary(op, v[0], v[1], p);
                return null;
              }, Differential.tolerance(ot), x, out);
              expected++;
            }
          }
        }
      }
      assertEquals(expected, cases);
      assertTrue(cases >= Differential.SHAPES.size() * 4 * 2, op + ": " + cases);
      CoverageRegistry.record("unary", op.name(), cases);
    }));
  }

  static List<DType> dtypes(UnaryOp op) {
    if (op.isPredicate()) return List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL);
    if (INTEGRAL.contains(op)) return List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64);
    return List.of(DType.FLOAT32, DType.FLOAT64);
  }

  @Test
  void inPlaceOnAStridedView() {
    SplittableRandom r = new SplittableRandom(9);
    Input x = Differential.input(DType.FLOAT32, new int[] {5, 7}, Layout.TRANSPOSED, r);
    assertEquals(1, Differential.check("exp in place", (be, v) -> {
      be.unary(UnaryOp.EXP, v[0], v[0]);
      return null;
    }, Differential.tolerance(DType.FLOAT32), x));
  }

  @Test
  void floatOnlyOpOnIntsIsAnError() {
    var cl = Differential.opencl();
    Buffer b = cl.upload(DType.INT32, new int[] {1, 2});
    try {
      View v = new View(b, DType.INT32, new int[] {2}, new int[] {1}, 0);
      var e = assertThrows(IllegalArgumentException.class, () -> cl.unary(UnaryOp.EXP, v, v));
      assertTrue(e.getMessage().contains("EXP") && e.getMessage().contains("int32"), e.getMessage());
    } finally {
      b.release();
    }
  }
}

package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Values;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every BinaryOp and where against the CPU backend: shapes x layout pairs, outer-product broadcasts, dtypes. */
@RequiresOpenCL
class ClBinaryTest {
  private static final Layout[] L = Layout.values();

  static List<DType> dtypes(BinaryOp op) {
    if (op == BinaryOp.DIV || op == BinaryOp.ATAN2) return List.of(DType.FLOAT32, DType.FLOAT64);
    if (op.isComparison()) return List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL);
    return List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64);
  }

  /** Right operand values: finite exponents for POW (the CPU's Math.pow gives NaN for (-1)^inf, torch 1), no 0 for integer remainder. */
  static Values right(BinaryOp op) {
    if (op == BinaryOp.POW) return Differential.DEFAULT;
    if (op == BinaryOp.REMAINDER) {
      return (r, t) -> {
        double v = Differential.SPECIALS.next(r, t);
        return !t.isFloatingPoint() && v == 0 ? 7 : v;
      };
    }
    return Differential.SPECIALS;
  }

  @TestFactory
  Stream<DynamicTest> everyOp() {
    return Stream.of(BinaryOp.values()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      int cases = 0, expected = 0;
      SplittableRandom r = new SplittableRandom(100 + op.ordinal());
      for (DType t : dtypes(op)) {
        DType ot = op.isComparison() ? DType.BOOL : t;
        for (int[] shape : Differential.SHAPES) {
          for (int l = 0; l < L.length; l++) {
            Input a = Differential.input(t, shape, L[l], r, Differential.SPECIALS);
            Input b = Differential.input(t, shape, L[(l + 1) % L.length], r, right(op));
            cases += run(op, a, b, Differential.output(ot, shape, r));
            expected++;
          }
        }
        Input[] outer = outer(t, r, right(op));
        cases += run(op, outer[0], outer[1], Differential.output(ot, new int[] {4, 5}, r));
        expected++;
      }
      assertEquals(expected, cases);
      CoverageRegistry.record("binary", op.name(), cases);
    }));
  }

  private static int run(BinaryOp op, Input a, Input b, Input out) {
    return Differential.check(op + " " + a + " " + b, (be, v) -> {
      be.binary(op, v[0], v[1], v[2]);
      return null;
    }, Differential.tolerance(out.dtype()), a, b, out);
  }

  /** a [4,1] and b [1,5] broadcast to [4,5]: strides (1,0) and (0,1). */
  static Input[] outer(DType t, SplittableRandom r, Values right) {
    Input a = new Input("col", t, Differential.base(t, 4, r, Differential.SPECIALS), new int[] {4, 5}, new int[] {1, 0}, 0);
    Input b = new Input("row", t, Differential.base(t, 6, r, right), new int[] {4, 5}, new int[] {0, 1}, 1);
    return new Input[] {a, b};
  }

  @TestFactory
  Stream<DynamicTest> where() {
    return Stream.of(DType.values()).map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
      SplittableRandom r = new SplittableRandom(7 + t.ordinal());
      int cases = 0;
      for (int[] shape : Differential.SHAPES) {
        for (int l = 0; l < L.length; l++) {
          Input c = Differential.input(DType.BOOL, shape, L[(l + 2) % L.length], r);
          Input a = Differential.input(t, shape, L[l], r, Differential.SPECIALS);
          Input b = Differential.input(t, shape, L[(l + 1) % L.length], r, Differential.SPECIALS);
          cases += Differential.check("where " + c + a + b, (be, v) -> {
            be.where(v[0], v[1], v[2], v[3]);
            return null;
          }, Differential.tolerance(t), c, a, b, Differential.output(t, shape, r));
        }
      }
      assertEquals(Differential.SHAPES.size() * L.length, cases);
      CoverageRegistry.record("where", t.toString(), cases);
    }));
  }

  @Test
  void integerRemainderByZeroThrowsAndTheBackendGoesOn() {
    var cl = Differential.opencl();
    Buffer a = cl.upload(DType.INT64, new long[] {5, -7, 9});
    Buffer b = cl.upload(DType.INT64, new long[] {2, 0, 4});
    Buffer o = cl.allocate(DType.INT64, 3);
    try {
      View av = vec(a), bv = vec(b), ov = vec(o);
      var e = assertThrows(IllegalArgumentException.class, () -> cl.binary(BinaryOp.REMAINDER, av, bv, ov));
      assertTrue(e.getMessage().contains("remainder") && e.getMessage().contains("ZeroDivision"), e.getMessage());
      cl.binary(BinaryOp.REMAINDER, av, av, ov);
      assertEquals(0L, ((long[]) cl.download(ov))[1]);
      var d = assertThrows(IllegalArgumentException.class, () -> cl.binary(BinaryOp.DIV, av, av, ov));
      assertTrue(d.getMessage().contains("DIV"), d.getMessage());
    } finally {
      a.release();
      b.release();
      o.release();
    }
  }

  private static View vec(Buffer b) { return new View(b, b.dtype(), new int[] {b.length()}, new int[] {1}, 0); }
}

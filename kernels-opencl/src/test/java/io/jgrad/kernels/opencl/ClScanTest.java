package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Scans (every ScanOp) and softmax/logSoftmax along every axis, against the CPU backend. */
@RequiresOpenCL
class ClScanTest {
  /** Lines long enough for the work-group kernels (>= 128), contiguous and strided along the axis. */
  static final List<int[]> BIG = List.of(new int[] {3, 1000}, new int[] {1000, 3}, new int[] {2, 300, 5});

  static List<int[]> shapes() {
    List<int[]> s = new ArrayList<>(Differential.SHAPES.stream().filter(x -> x.length > 0).toList());
    s.addAll(BIG);
    return s;
  }

  /**
   * float32 accumulates in float here and in double in the CPU's scan (and in float lanes or
   * double in its softmax), so float32 gets 1e-4; long float32 lines 1e-3 absolute.
   */
  static Tolerance tolerance(DType t, boolean big) {
    if (t != DType.FLOAT32) return Differential.tolerance(t);
    return big ? new Tolerance(1e-4, 1e-3) : new Tolerance(1e-4, 1e-5);
  }

  @TestFactory
  Stream<DynamicTest> scans() {
    return Stream.of(ScanOp.values()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
      SplittableRandom r = new SplittableRandom(500 + op.ordinal());
      int cases = 0, expected = 0;
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64)) {
        for (int[] shape : shapes()) {
          boolean big = BIG.contains(shape);
          for (int axis = 0; axis < shape.length; axis++) {
            for (Layout l : big ? List.of(Layout.values()[axis % 3]) : List.of(Layout.values())) {
              // Products of long lines stay finite with factors near 1.
              Differential.Values values = op == ScanOp.CUMPROD && big
                  ? (rr, tt) -> tt.isFloatingPoint() ? rr.nextDouble(0.95, 1.05) : rr.nextInt(-1, 2)
                  : Differential.SPECIALS;
              Input x = Differential.input(t, shape, l, r, values);
              int ax = axis;
              cases += Differential.check(op + " axis " + axis + " " + x, (be, v) -> {
                be.scan(op, v[0], ax, v[1]);
                return null;
              }, tolerance(t, big), x, Differential.output(t, shape, r));
              expected++;
            }
          }
        }
      }
      assertEquals(expected, cases);
      assertTrue(cases > 100, "cases " + cases);
      CoverageRegistry.record("scan", op.name(), cases);
    }));
  }

  @TestFactory
  Stream<DynamicTest> softmax() {
    return Stream.of(false, true).map(log -> DynamicTest.dynamicTest(log ? "logSoftmax" : "softmax", () -> {
      SplittableRandom r = new SplittableRandom(log ? 600 : 601);
      int cases = 0;
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
        for (int[] shape : shapes()) {
          boolean big = BIG.contains(shape);
          for (int axis = 0; axis < shape.length; axis++) {
            for (Layout l : big ? List.of(Layout.values()[axis % 3]) : List.of(Layout.values())) {
              Input x = Differential.input(t, shape, l, r, big ? Differential.DEFAULT : Differential.SPECIALS);
              int ax = axis;
              cases += Differential.check((log ? "logSoftmax" : "softmax") + " axis " + axis + " " + x, (be, v) -> {
                be.softmax(v[0], ax, log, v[1]);
                return null;
              }, tolerance(t, big), x, Differential.output(t, shape, r));
            }
          }
        }
      }
      assertTrue(cases > 100, "cases " + cases);
      CoverageRegistry.record("softmax", log ? "log" : "plain", cases);
    }));
  }

  @Test
  void int32ScanIsRejectedAsOnTheCpu() {
    var cl = Differential.opencl();
    Buffer b = cl.upload(DType.INT32, new int[] {1, 2, 3});
    try {
      View v = new View(b, DType.INT32, new int[] {3}, new int[] {1}, 0);
      var e = assertThrows(IllegalArgumentException.class, () -> cl.scan(ScanOp.CUMSUM, v, 0, v));
      assertTrue(e.getMessage().contains("int32"), e.getMessage());
    } finally {
      b.release();
    }
  }
}

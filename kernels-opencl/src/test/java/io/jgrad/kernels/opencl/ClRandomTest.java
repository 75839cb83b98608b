package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.View;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OpenCL random fills against the CPU's Philox stream, element by element: uniforms exactly,
 * normals within a few ulp (the device's double log/cos may differ from Java's in the last bit).
 */
@RequiresOpenCL
class ClRandomTest {
  @Test
  void sameStreamAsCpu() {
    SplittableRandom rnd = new SplittableRandom(41);
    long[] seeds = {0, 42, -1L, 0x123456789abcdefL};
    int cases = 0;
    for (int[] shape : Differential.SHAPES) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        for (RandomOp op : RandomOp.values()) {
          long seed = seeds[cases % seeds.length];
          // one offset straddles the 2^32 boundary of the counter's low word
          long offset = cases % 5 == 0 ? (1L << 32) - 7 : rnd.nextLong(1 << 20);
          double a = op == RandomOp.UNIFORM ? -1.5 : 0.25, b = op == RandomOp.UNIFORM ? 3.0 : 2.0;
          Input out = Differential.input(t, shape, cases % 2 == 0 ? Layout.STRIDED : Layout.TRANSPOSED, rnd).relabel("out");
          Tolerance tol = op == RandomOp.UNIFORM ? new Tolerance(0, 0)
              : t == DType.FLOAT32 ? new Tolerance(3e-7, 3e-7) : new Tolerance(1e-14, 1e-14);
          cases += Differential.check("random " + op + " " + out + " seed " + seed + " offset " + offset, (be, v) -> {
            be.random(op, v[0], seed, offset, a, b);
            return null;
          }, tol, out);
        }
      }
    }
    assertEquals(Differential.SHAPES.size() * 4, cases);
    for (RandomOp op : RandomOp.values()) CoverageRegistry.record("random", op.name(), cases / 2);
  }

  @Test
  void uniformStaysBelowHighWhereFloatRoundsUp() {
    // a + (b-a)*u rounds to b in float32 for u near 1 when b-a is tiny next to a
    Input out = Differential.output(DType.FLOAT32, new int[] {4096}, new SplittableRandom(42));
    int cases = Differential.check("uniform near high", (be, v) -> {
      be.random(RandomOp.UNIFORM, v[0], 5, 0, 1.0, 1.0000001);
      return null;
    }, new Tolerance(0, 0), out);
    Backend cl = Differential.opencl();
    View v = out.on(cl);
    cl.random(RandomOp.UNIFORM, v, 5, 0, 1.0, 1.0000001);
    int below = 0;
    for (float f : (float[]) cl.download(v)) below += f < (float) 1.0000001 && f >= 1.0f ? 1 : 0;
    v.buffer().release();
    assertEquals(4096, below);
    assertEquals(1, cases);
  }

  @Test
  void rejectsIntegerOutput() {
    Backend cl = Differential.opencl();
    var out = Differential.output(DType.INT32, new int[] {3}, new SplittableRandom(43)).on(cl);
    var e = assertThrows(IllegalArgumentException.class, () -> cl.random(RandomOp.NORMAL, out, 1, 0, 0, 1));
    assertTrue(e.getMessage().contains("random fill needs a floating dtype, got int32"), e.getMessage());
  }
}

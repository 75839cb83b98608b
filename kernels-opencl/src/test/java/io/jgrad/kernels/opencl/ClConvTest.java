package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.Window2d;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OpenCL im2col, col2im and pool2d against the CPU backend, bit for bit: windows with stride,
 * padding, dilation and ceil mode, inputs in every layout, outputs contiguous or strided.
 */
@RequiresOpenCL
class ClConvTest {
  private static final Tolerance EXACT = new Tolerance(0, 0);
  private static final List<Window2d> WINDOWS = List.of(
      new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false),
      new Window2d(2, 3, 2, 1, 0, 1, 1, 2, false),
      new Window2d(1, 1, 1, 1, 0, 0, 1, 1, false),
      new Window2d(3, 3, 2, 2, 1, 1, 2, 2, false),
      new Window2d(2, 2, 2, 2, 1, 0, 1, 1, true),
      new Window2d(3, 2, 3, 2, 1, 1, 1, 1, true));
  private static final List<int[]> SHAPES = List.of(new int[] {2, 3, 7, 9}, new int[] {1, 1, 1, 1},
      new int[] {1, 2, 17, 15}, new int[] {0, 2, 5, 5}, new int[] {2, 1, 4, 33});

  @Test
  void im2colAndCol2imMatchCpuExactly() {
    SplittableRandom rnd = new SplittableRandom(11);
    DType[] dtypes = DType.values();
    int im2col = 0, col2im = 0;
    for (int s = 0; s < SHAPES.size(); s++) {
      for (int wi = 0; wi < WINDOWS.size(); wi++) {
        Window2d w = WINDOWS.get(wi);
        int[] xs = SHAPES.get(s);
        int oh = w.outH(xs[2]), ow = w.outW(xs[3]);
        if (oh <= 0 || ow <= 0) continue;
        DType t = dtypes[(s + wi) % dtypes.length];
        int[] cs = {xs[0], xs[1] * w.kernelH() * w.kernelW(), oh * ow};
        Layout lin = Layout.values()[(s + wi) % 4], lout = (s + wi) % 2 == 0 ? Layout.CONTIGUOUS : Layout.STRIDED;
        Input x = Differential.input(t, xs, lin, rnd), cols = Differential.input(t, cs, lout, rnd).relabel("cols");
        im2col += Differential.check("im2col " + x + " " + w, (be, v) -> {
          be.im2col(v[0], w, v[1]);
          return null;
        }, EXACT, x, cols);
        // col2im accumulates into a non-zero x: each pixel adds its columns in the CPU's order
        Input c = Differential.input(t, cs, lin, rnd), img = Differential.input(t, xs, lout, rnd).relabel("x");
        col2im += Differential.check("col2im " + c + " " + w, (be, v) -> {
          be.col2im(v[0], w, v[1]);
          return null;
        }, EXACT, c, img);
      }
    }
    assertEquals(28, im2col);
    assertEquals(28, col2im);
    CoverageRegistry.record("im2col", "im2col", im2col);
    CoverageRegistry.record("col2im", "col2im", col2im);
  }

  @Test
  void poolingMatchesCpuIncludingNanAndTies() {
    SplittableRandom rnd = new SplittableRandom(12);
    int cases = 0;
    for (PoolMode mode : PoolMode.values()) {
      int before = cases;
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
        if (t == DType.INT64 && (mode == PoolMode.MAX || mode == PoolMode.ADAPTIVE_AVG)) continue;
        for (int s = 0; s < SHAPES.size(); s++) {
          for (int wi = 0; wi < WINDOWS.size(); wi++) {
            Window2d w = WINDOWS.get(wi);
            int[] xs = SHAPES.get(s);
            boolean adaptive = mode == PoolMode.ADAPTIVE_AVG;
            int oh = adaptive ? 1 + wi % 3 : w.outH(xs[2]), ow = adaptive ? 2 + wi % 4 : w.outW(xs[3]);
            // PyTorch's pooling needs pad <= kernel/2; other windows are conv-only geometry
            if (oh <= 0 || ow <= 0 || (!adaptive && (2 * w.padH() > w.kernelH() || 2 * w.padW() > w.kernelW()))) continue;
            // small integers make ties; 1 in 10 is NaN
            Input x = Differential.input(t, xs, Layout.values()[(s + wi) % 4], rnd,
                (r, tt) -> r.nextInt(10) == 0 && tt.isFloatingPoint() ? Double.NaN : r.nextInt(-3, 4));
            int[] os = {xs[0], xs[1], oh, ow};
            Input out = Differential.input(t, os, (s + wi) % 2 == 0 ? Layout.STRIDED : Layout.CONTIGUOUS, rnd).relabel("out");
            String label = "pool2d " + mode + " " + x + " " + w;
            if (mode == PoolMode.MAX) {
              Input idx = Differential.input(DType.INT64, os, (s + wi) % 2 == 1 ? Layout.STRIDED : Layout.CONTIGUOUS, rnd)
                  .relabel("indices");
              cases += Differential.check(label, (be, v) -> {
                be.pool2d(mode, v[0], w, v[1], v[2]);
                return null;
              }, EXACT, x, out, idx);
            } else {
              cases += Differential.check(label, (be, v) -> {
                be.pool2d(mode, v[0], w, v[1], null);
                return null;
              }, EXACT, x, out);
            }
          }
        }
      }
      CoverageRegistry.record("pool2d", mode.name(), cases - before);
    }
    assertEquals(284, cases);
  }

  @Test
  void rejectsMismatchedColsAndIntMaxPool() {
    SplittableRandom rnd = new SplittableRandom(13);
    Backend cl = Differential.opencl();
    Window2d w = WINDOWS.get(0);
    var x = Differential.input(DType.FLOAT32, new int[] {1, 2, 4, 4}, Layout.CONTIGUOUS, rnd).on(cl);
    var cols = Differential.input(DType.FLOAT32, new int[] {1, 18, 15}, Layout.CONTIGUOUS, rnd).on(cl);
    var e = assertThrows(IllegalArgumentException.class, () -> cl.im2col(x, w, cols));
    assertTrue(e.getMessage().contains("im2col: cols [1, 18, 15]") && e.getMessage().contains("expected [1, 18, 16]"),
        e.getMessage());
    var xi = Differential.input(DType.INT32, new int[] {1, 2, 4, 4}, Layout.CONTIGUOUS, rnd).on(cl);
    var e2 = assertThrows(IllegalArgumentException.class, () -> cl.pool2d(PoolMode.MAX, xi, w, xi, null));
    assertTrue(e2.getMessage().contains("pool2d: MAX is not implemented for x int32"), e2.getMessage());
    var out = Differential.input(DType.FLOAT32, new int[] {1, 2, 3, 4}, Layout.CONTIGUOUS, rnd).on(cl);
    var e3 = assertThrows(IllegalArgumentException.class, () -> cl.pool2d(PoolMode.AVG, x, w, out, null));
    assertTrue(e3.getMessage().contains("pool2d: out [1, 2, 3, 4] does not match x [1, 2, 4, 4]"), e3.getMessage());
    var x3 = Differential.input(DType.FLOAT32, new int[] {2, 4, 4}, Layout.CONTIGUOUS, rnd).on(cl);
    var e4 = assertThrows(IllegalArgumentException.class, () -> cl.col2im(cols, w, x3));
    assertTrue(e4.getMessage().contains("col2im: expected x [N,C,H,W] and cols [N,K,L], got x [2, 4, 4]"), e4.getMessage());
  }
}

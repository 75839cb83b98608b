package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.ClMatmul.Variant;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OpenCL matmul against the CPU backend: sizes 0..130 (odd, tile edges 63/64/65), every input
 * layout (transposed and strided operands read in place, broadcast batch), float32, float64,
 * int32 and int64 (exact), for both kernels (local-memory tiles for GPUs, direct for CPUs).
 */
@RequiresOpenCL
class ClMatmulTest {
  private static final Layout[] LAYOUTS = Layout.values();

  @Test
  void matchesCpuOverShapesLayoutsAndDtypes() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<int[]> sizes = new ArrayList<>(List.of(new int[] {0, 3, 4}, new int[] {3, 0, 4}, new int[] {3, 4, 0},
        new int[] {1, 1, 1}, new int[] {1, 17, 1}, new int[] {15, 16, 17}, new int[] {33, 97, 5},
        new int[] {64, 64, 64}, new int[] {65, 63, 130}, new int[] {130, 1, 129}, new int[] {2, 130, 3}));
    for (int i = 0; i < 12; i++) sizes.add(new int[] {rnd.nextInt(1, 131), rnd.nextInt(1, 131), rnd.nextInt(1, 131)});
    DType[] dtypes = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};
    int cases = 0;
    for (int s = 0; s < sizes.size(); s++) {
      int m = sizes.get(s)[0], n = sizes.get(s)[1], k = sizes.get(s)[2];
      int batch = 1 + s % 3;
      for (int l = 0; l < LAYOUTS.length; l++) {
        DType t = dtypes[(s + l) % dtypes.length];
        Input a = Differential.input(t, new int[] {batch, m, k}, LAYOUTS[l], rnd);
        Input b = Differential.input(t, new int[] {batch, k, n}, LAYOUTS[(l + 1) % LAYOUTS.length], rnd);
        for (Variant v : Variant.values()) cases += check(a, b, k, v);
      }
    }
    assertEquals(23 * 4 * 2, cases);
    CoverageRegistry.record("matmul", "matmul", cases);
  }

  @Test
  void float32TransposedOperandsAtTileEdges() {
    SplittableRandom rnd = new SplittableRandom(8);
    int cases = 0;
    for (int m : new int[] {1, 63, 64, 65, 127}) {
      for (int n : new int[] {1, 16, 65, 129}) {
        Input a = Differential.input(DType.FLOAT32, new int[] {2, m, 33}, Layout.TRANSPOSED, rnd);
        Input b = Differential.input(DType.FLOAT32, new int[] {2, 33, n}, Layout.TRANSPOSED, rnd);
        for (Variant v : Variant.values()) cases += check(a, b, 33, v);
      }
    }
    assertEquals(20 * 2, cases);
  }

  @Test
  void rejectsMisalignedShapesAndBool() {
    SplittableRandom rnd = new SplittableRandom(9);
    Backend cl = Differential.opencl();
    var a = Differential.input(DType.FLOAT32, new int[] {1, 2, 3}, Layout.CONTIGUOUS, rnd).on(cl);
    var b = Differential.input(DType.FLOAT32, new int[] {1, 4, 5}, Layout.CONTIGUOUS, rnd).on(cl);
    var out = Differential.input(DType.FLOAT32, new int[] {1, 2, 5}, Layout.CONTIGUOUS, rnd).on(cl);
    var e = assertThrows(IllegalArgumentException.class, () -> cl.matmul(a, b, out));
    assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[1, 2, 3]") && e.getMessage().contains("[1, 4, 5]"),
        e.getMessage());
    var x = Differential.input(DType.BOOL, new int[] {1, 2, 2}, Layout.CONTIGUOUS, rnd).on(cl);
    var e2 = assertThrows(IllegalArgumentException.class, () -> cl.matmul(x, x, x));
    assertTrue(e2.getMessage().contains("matmul: unsupported dtypes bool"), e2.getMessage());
  }

  /** Runs one kernel variant on OpenCL (the backend itself picks by device type). */
  private static int check(Input a, Input b, int k, Variant variant) {
    DType t = a.dtype();
    Input out = Differential.input(t, new int[] {a.shape()[0], a.shape()[1], b.shape()[2]},
        a.strides()[2] == 1 ? Layout.STRIDED : Layout.CONTIGUOUS, new SplittableRandom(k)).relabel("out");
    // Products of |x| <= 3 summed over k terms in another order than the CPU's: rounding grows with k.
    Tolerance tol = switch (t) {
      case FLOAT32 -> new Tolerance(1e-5, 1e-6 * (k + 1) * 9);
      case FLOAT64 -> new Tolerance(1e-12, 1e-15 * (k + 1) * 9);
      default -> new Tolerance(0, 0);
    };
    return Differential.check("matmul " + variant + " " + a + " @ " + b, (be, v) -> {
      if (be instanceof OpenClBackend o) new ClMatmul(o.context()).matmul(v[0], v[1], v[2], variant);
      else be.matmul(v[0], v[1], v[2]);
      return null;
    }, tol, a, b, out);
  }
}

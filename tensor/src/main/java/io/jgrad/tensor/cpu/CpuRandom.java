package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.View;

/**
 * Random fills from {@link Philox}: element i (row-major in the output view) uses counter
 * {@code offset + i}. Normals use Box-Muller on the block's first two words (float64 uses all
 * four for 53-bit uniforms).
 */
final class CpuRandom {
  private CpuRandom() {}

  static void fill(RandomOp op, View out, long seed, long offset, double a, double b) {
    int n = Math.toIntExact(out.numel());
    DType t = out.dtype();
    if (!t.isFloatingPoint()) {
      throw new IllegalArgumentException("random fill needs a floating dtype, got " + t);
    }
    double[] values = new double[n];
    Parallel.forChunks(n, n < 65_536 ? 1 : Parallel.threads(), (lo, hi) -> {
      int[] w = new int[4];
      for (int i = lo; i < hi; i++) {
        Philox.block(seed, offset + i, w);
        values[i] = switch (op) {
          case UNIFORM -> a + (b - a) * (t == DType.FLOAT32 ? Philox.unitFloat(w[0]) : Philox.unitDouble(w[0], w[1]));
          case NORMAL -> a + b * boxMuller(t, w);
        };
      }
    });
    if (op == RandomOp.UNIFORM && b > a) {
      // a + (b-a)*u may round up to b (in float32 often, in float64 at the edges); keep [a, b) half-open.
      if (t == DType.FLOAT32) {
        float hi = (float) b;
        for (int i = 0; i < n; i++) if ((float) values[i] >= hi) values[i] = Math.nextDown(hi);
      } else {
        for (int i = 0; i < n; i++) if (values[i] >= b) values[i] = Math.nextDown(b);
      }
    }
    CpuBuffer tmp = new CpuBuffer(DType.FLOAT64, values);
    CpuCopy.copy(new View(tmp, DType.FLOAT64, out.shape(), CpuBackend.contiguousStrides(out.shape()), 0), out);
  }

  private static double boxMuller(DType t, int[] w) {
    double u1 = t == DType.FLOAT32 ? Philox.unitFloat(w[0]) : Philox.unitDouble(w[0], w[1]);
    double u2 = t == DType.FLOAT32 ? Philox.unitFloat(w[1]) : Philox.unitDouble(w[2], w[3]);
    double r = Math.sqrt(-2.0 * Math.log(1.0 - u1));
    return r * Math.cos(2.0 * Math.PI * u2);
  }
}

package io.jgrad.kernels.cuda;

import static io.jgrad.kernels.cuda.Gen.Layout.BROADCAST;
import static io.jgrad.kernels.cuda.Gen.Layout.CONTIG;
import static io.jgrad.kernels.cuda.Gen.Layout.OFFSET;
import static io.jgrad.kernels.cuda.Gen.Layout.STEP2;
import static io.jgrad.kernels.cuda.Gen.Layout.TRANSPOSED;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Differential cases of matmul (every kernel variant), im2col, col2im and pool2d. */
final class CasesLinalg {
  /** {B, M, K, N}: tails around the 128/64 tiles and the float4 width, K = 0, a batch of 3. */
  private static final int[][] MNK = {{1, 1, 1, 1}, {2, 17, 33, 15}, {1, 97, 16, 17}, {3, 64, 64, 64}, {1, 130, 129, 131},
      {1, 5, 0, 7}, {2, 128, 36, 256}, {1, 1, 97, 1}};
  static final Window2d[] WINDOWS = {new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false), new Window2d(2, 3, 2, 1, 0, 1, 1, 2, false),
      new Window2d(3, 3, 2, 2, 1, 1, 2, 2, false), new Window2d(1, 1, 1, 1, 0, 0, 1, 1, false),
      new Window2d(3, 2, 2, 2, 1, 1, 1, 1, true)};

  private CasesLinalg() {}

  static List<Diff> all() {
    List<Diff> c = new ArrayList<>();
    matmul(c);
    conv(c);
    pool(c);
    return c;
  }

  private static void matmul(List<Diff> c) {
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
      for (int[] d : MNK) {
        int bs = d[0], m = d[1], k = d[2], n = d[3];
        Gen.Layout[][] pairs = {{CONTIG, CONTIG}, {TRANSPOSED, CONTIG}, {CONTIG, TRANSPOSED}, {OFFSET, STEP2}, {BROADCAST, CONTIG}};
        for (Gen.Layout[] p : pairs) {
          boolean f = t.isFloatingPoint();
          // float sums in another order: error grows with k
          double atol = t == DType.FLOAT64 ? 1e-11 : 1e-4, rtol = t == DType.FLOAT64 ? 1e-10 : 1e-4;
          c.add(Diff.of("matmul " + t + " " + Arrays.toString(d) + " " + p[0] + "/" + p[1], "matmul", null, false, be -> {
            View a = Gen.input(be, t, new int[] {bs, m, k}, p[0], 111, f ? Gen.Values.NORMAL : Gen.Values.SMALLINT);
            View b = Gen.input(be, t, new int[] {bs, k, n}, p[1], 112, f ? Gen.Values.NORMAL : Gen.Values.SMALLINT);
            View o = Gen.output(be, t, new int[] {bs, m, n}, p[0] == OFFSET ? OFFSET : CONTIG);
            be.matmul(a, b, o);
            return List.of(be.download(o));
          }).tol(atol, rtol));
        }
      }
    }
    for (int[] d : new int[][] {{1, 64, 64, 64}, {2, 130, 40, 129}}) {
      // TF32 products keep 10 mantissa bits: |error| ~ 2^-11 * sum |a||b|
      c.add(Diff.of("matmul TF32 " + Arrays.toString(d), "matmul", null, false, be -> {
        View a = Gen.input(be, DType.FLOAT32, new int[] {d[0], d[1], d[2]}, CONTIG, 113, Gen.Values.NORMAL);
        View b = Gen.input(be, DType.FLOAT32, new int[] {d[0], d[2], d[3]}, TRANSPOSED, 114, Gen.Values.NORMAL);
        View o = Gen.output(be, DType.FLOAT32, new int[] {d[0], d[1], d[3]}, CONTIG);
        if (be instanceof CudaBackend cb) cb.tf32(true);
        try {
          be.matmul(a, b, o);
        } finally {
          if (be instanceof CudaBackend cb) cb.tf32(false);
        }
        return List.of(be.download(o));
      }).tol(0.05 * Math.sqrt(d[2]), 1e-2));
    }
  }

  private static int[] colsShape(int[] x, Window2d w) {
    return new int[] {x[0], x[1] * w.kernelH() * w.kernelW(), w.outH(x[2]) * w.outW(x[3])};
  }

  private static void conv(List<Diff> c) {
    int[] xs = {2, 3, 7, 9};
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      for (Window2d w : WINDOWS) {
        if (w.ceilMode()) continue;
        int[] cs = colsShape(xs, w);
        c.add(Diff.of("im2col " + t + " " + w, "im2col", null, t == DType.FLOAT64, be -> {
          View x = Gen.input(be, t, xs, TRANSPOSED, 121, Gen.Values.NORMAL);
          View o = Gen.output(be, t, cs, OFFSET);
          be.im2col(x, w, o);
          return List.of(be.download(o));
        }));
        c.add(Diff.of("col2im " + t + " " + w, "col2im", null, t == DType.FLOAT64, be -> {
          View cols = Gen.input(be, t, cs, TRANSPOSED, 122, Gen.Values.NORMAL);
          View x = Gen.output(be, t, xs, STEP2);
          be.col2im(cols, w, x);
          return List.of(be.download(x));
        }).tol(1e-5, 1e-5));
      }
    }
  }

  private static void pool(List<Diff> c) {
    int[] xs = {2, 3, 7, 9};
    for (PoolMode mode : PoolMode.values()) {
      DType[] types = mode == PoolMode.AVG || mode == PoolMode.AVG_EXCLUDE_PAD
          ? new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64} : new DType[] {DType.FLOAT32, DType.FLOAT64};
      for (DType t : types) {
        for (Window2d w : WINDOWS) {
          if (mode == PoolMode.ADAPTIVE_AVG && w != WINDOWS[0]) continue;
          List<int[]> outs = mode == PoolMode.ADAPTIVE_AVG ? List.of(new int[] {2, 3, 4, 5}, new int[] {2, 3, 3, 3}, new int[] {2, 3, 7, 9})
              : List.of(new int[] {2, 3, w.outH(7), w.outW(9)});
          for (int[] os : outs) {
            boolean max = mode == PoolMode.MAX;
            c.add(Diff.of(mode + " " + t + " " + w + " -> " + Arrays.toString(os), "pool2d", mode, t == DType.FLOAT64, be -> {
              View x = Gen.input(be, t, xs, TRANSPOSED, 131, t.isFloatingPoint() ? Gen.Values.EDGE : Gen.Values.NORMAL);
              View o = Gen.output(be, t, os, OFFSET);
              View i = max ? Gen.output(be, DType.INT64, os, CONTIG) : null;
              be.pool2d(mode, x, w, o, i);
              return max ? List.of(be.download(o), be.download(i)) : List.of(be.download(o));
            }).tol(1e-6, 1e-5));
          }
        }
      }
    }
  }
}

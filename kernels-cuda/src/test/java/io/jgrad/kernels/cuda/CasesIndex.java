package io.jgrad.kernels.cuda;

import static io.jgrad.kernels.cuda.Gen.Layout.CONTIG;
import static io.jgrad.kernels.cuda.Gen.Layout.OFFSET;
import static io.jgrad.kernels.cuda.Gen.Layout.STEP2;
import static io.jgrad.kernels.cuda.Gen.Layout.TRANSPOSED;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Differential cases of gather, scatter (atomic and deterministic), nonzero and sort. */
final class CasesIndex {
  private CasesIndex() {}

  static List<Diff> all() {
    List<Diff> c = new ArrayList<>();
    gather(c);
    scatter(c);
    nonzero(c);
    sort(c);
    return c;
  }

  private static void gather(List<Diff> c) {
    for (DType t : DType.values()) {
      for (int[] xs : new int[][] {{17}, {4, 33}, {3, 5, 7}}) {
        for (int axis = 0; axis < xs.length; axis++) {
          int ax = axis;
          int[] is = xs.clone();
          is[axis] = 3 + axis;
          c.add(Diff.of("gather " + t + " " + Arrays.toString(xs) + " axis " + axis, "gather", null, false, be -> {
            View x = Gen.input(be, t, xs, TRANSPOSED, 71, Gen.Values.EDGE);
            View i = Gen.index(be, is, xs[ax], 72);
            View o = Gen.output(be, t, is, OFFSET);
            be.gather(x, ax, i, o);
            return List.of(be.download(o));
          }));
        }
      }
    }
  }

  /** A permutation along axis (SET with unique targets: the winner is defined on every backend). */
  private static View permutation(Backend be, int[] shape, int axis, long seed) {
    int n = 1;
    for (int s : shape) n *= s;
    long[] a = new long[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int len = shape[axis], inner = 1;
    for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
    for (int base = 0; base < n; base++) {
      if ((base / inner) % len != 0) continue;
      int[] p = new int[len];
      for (int k = 0; k < len; k++) p[k] = k;
      for (int k = len - 1; k > 0; k--) { int j = r.nextInt(k + 1); int t = p[k]; p[k] = p[j]; p[j] = t; }
      for (int k = 0; k < len; k++) a[base + k * inner] = p[k];
    }
    return new View(be.upload(DType.INT64, a), DType.INT64, shape, Gen.contiguous(shape), 0);
  }

  private static void scatter(List<Diff> c) {
    for (boolean det : new boolean[] {false, true}) {
      for (ScatterMode mode : ScatterMode.values()) {
        for (DType t : DType.values()) {
          for (int[] ts : new int[][] {{17}, {4, 33}, {3, 5, 7}}) {
            for (int axis = 0; axis < ts.length; axis++) {
              int ax = axis;
              int[] is = ts.clone();
              // SET in atomic mode: a permutation (unique targets); otherwise repeated indices
              boolean unique = mode == ScatterMode.SET && !det;
              if (!unique) is[axis] = 2 * ts[axis] + 1;
              Gen.Values vals = t.isFloatingPoint() ? Gen.Values.NORMAL : Gen.Values.SMALLINT;
              c.add(Diff.of("scatter " + mode + (det ? " deterministic " : " atomic ") + t + " " + Arrays.toString(ts) + " axis "
                  + axis, "scatter", mode, t == DType.FLOAT64, be -> {
                    View target = Gen.input(be, t, ts, STEP2, 81, vals);
                    View src = Gen.input(be, t, is, TRANSPOSED, 82, vals);
                    View i = unique ? permutation(be, is, ax, 83) : Gen.index(be, is, ts[ax], 83);
                    boolean was = be instanceof CudaBackend cb && cb.deterministic;
                    if (be instanceof CudaBackend cb) cb.deterministic(det);
                    try {
                      be.scatter(mode, src, ax, i, target);
                    } finally {
                      if (be instanceof CudaBackend cb) cb.deterministic(was);
                    }
                    return List.of(be.download(target));
                  }).tol(det || !t.isFloatingPoint() ? 0 : 1e-4, det || !t.isFloatingPoint() ? 0 : 1e-5));
            }
          }
        }
      }
    }
  }

  private static void nonzero(List<Diff> c) {
    for (DType t : DType.values()) {
      for (int[] sh : new int[][] {{1}, {17}, {4, 33}, {3, 5, 7}, {3000}, {0}}) {
        c.add(Diff.of("nonzero " + t + " " + Arrays.toString(sh), "nonzero", null, false, be -> {
          View x = Gen.input(be, t, sh, TRANSPOSED, 91, Gen.Values.SMALLINT);
          Buffer b = be.nonzero(x);
          return List.of(be.download(new View(b, DType.INT64, new int[] {b.length()}, new int[] {1}, 0)));
        }));
      }
    }
  }

  private static void sort(List<Diff> c) {
    for (boolean desc : new boolean[] {false, true}) {
      for (DType t : DType.values()) {
        for (int[] sh : new int[][] {{1}, {17}, {97}, {4, 33}, {3, 5, 7}, {2, 3000}, {0, 3}}) {
          for (int axis = 0; axis < sh.length; axis++) {
            int ax = axis;
            // EDGE: NaN, -0.0/0.0 and infinities; SMALLINT: many ties (stability)
            for (Gen.Values vals : new Gen.Values[] {Gen.Values.EDGE, Gen.Values.SMALLINT}) {
              c.add(Diff.of("sort " + (desc ? "desc " : "asc ") + t + " " + Arrays.toString(sh) + " axis " + axis + " " + vals,
                  "sort", null, false, be -> {
                    View x = Gen.input(be, t, sh, TRANSPOSED, 101, vals);
                    View v = Gen.output(be, t, sh, CONTIG);
                    View i = Gen.output(be, DType.INT64, sh, OFFSET);
                    be.sort(x, ax, desc, v, i);
                    return List.of(be.download(v), be.download(i));
                  }).tol(0, 0));
            }
          }
        }
      }
    }
  }
}

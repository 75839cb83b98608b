package io.jgrad.kernels.cuda;

import static io.jgrad.kernels.cuda.Gen.Layout.CONTIG;
import static io.jgrad.kernels.cuda.Gen.Layout.OFFSET;
import static io.jgrad.kernels.cuda.Gen.Layout.STEP2;
import static io.jgrad.kernels.cuda.Gen.Layout.TRANSPOSED;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Differential cases of reduce, argReduce, scan and softmax. */
final class CasesReduce {
  private static final int[][] SHAPES = {{1}, {17}, {97}, {4, 33}, {3, 5, 7}, {2, 0, 3}, {600}, {5, 300}};
  private static final Gen.Layout[] LAYOUTS = {CONTIG, TRANSPOSED, STEP2};

  private CasesReduce() {}

  static List<Diff> all() {
    List<Diff> c = new ArrayList<>();
    reduce(c);
    arg(c);
    scans(c);
    softmax(c);
    return c;
  }

  /** Every non-empty subset of dims for rank <= 3. */
  private static List<int[]> axisSets(int rank) {
    List<int[]> r = new ArrayList<>();
    for (int m = 1; m < (1 << rank); m++) {
      int[] a = new int[Integer.bitCount(m)];
      for (int d = 0, j = 0; d < rank; d++) if ((m & (1 << d)) != 0) a[j++] = d;
      r.add(a);
    }
    return r;
  }

  private static int[] keep(int[] shape, int[] axes) {
    int[] o = shape.clone();
    for (int a : axes) o[a] = 1;
    return o;
  }

  private static void reduce(List<Diff> c) {
    for (ReduceOp op : ReduceOp.values()) {
      boolean logical = op == ReduceOp.ALL || op == ReduceOp.ANY;
      DType[] types = logical ? new DType[] {DType.BOOL} : op == ReduceOp.MEAN ? new DType[] {DType.FLOAT32, DType.FLOAT64}
          : DType.values();
      for (DType t : types) {
        if (t == DType.BOOL && !logical) continue;
        DType ot = logical ? DType.BOOL : (!t.isFloatingPoint() && (op == ReduceOp.SUM || op == ReduceOp.PROD)) ? DType.INT64 : t;
        for (int[] sh : SHAPES) {
          boolean empty = Arrays.stream(sh).anyMatch(v -> v == 0);
          for (int[] axes : axisSets(sh.length)) {
            if (empty && (op == ReduceOp.MAX || op == ReduceOp.MIN)) continue;
            for (Gen.Layout lay : LAYOUTS) {
              if (lay != CONTIG && sh.length == 1 && sh[0] != 97) continue;
              Gen.Values vals = op == ReduceOp.PROD ? Gen.Values.UNIT : t.isFloatingPoint() ? Gen.Values.EDGE : Gen.Values.NORMAL;
              c.add(Diff.of(op + " " + t + " " + Arrays.toString(sh) + " axes " + Arrays.toString(axes) + " " + lay, "reduce", op,
                  t == DType.FLOAT64, be -> {
                    View x = Gen.input(be, t, sh, lay, 31 + axes.length, vals);
                    View o = Gen.output(be, ot, keep(sh, axes), lay == TRANSPOSED ? OFFSET : CONTIG);
                    be.reduce(op, x, axes, o);
                    return List.of(be.download(o));
                  }).tol(t == DType.FLOAT64 ? 1e-10 : 1e-6, t == DType.FLOAT64 ? 1e-9 : 1e-5));
            }
          }
        }
      }
    }
    // reduction without NaN/inf, so float sums test the accumulation and not just NaN propagation
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      c.add(Diff.of("SUM " + t + " [1000, 257] axes [0]", "reduce", ReduceOp.SUM, t == DType.FLOAT64, be -> {
        View x = Gen.input(be, t, new int[] {1000, 257}, CONTIG, 5, Gen.Values.NORMAL);
        View o = Gen.output(be, t, new int[] {1, 257}, CONTIG);
        be.reduce(ReduceOp.SUM, x, new int[] {0}, o);
        return List.of(be.download(o));
      }));
    }
  }

  private static void arg(List<Diff> c) {
    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
        for (int[] sh : new int[][] {{1}, {17}, {97}, {4, 33}, {3, 5, 7}, {2, 700}}) {
          for (int axis = 0; axis < sh.length; axis++) {
            int ax = axis;
            int[] osh = keep(sh, new int[] {axis});
            // SMALLINT makes ties; EDGE brings NaN and infinities
            for (Gen.Values vals : new Gen.Values[] {Gen.Values.SMALLINT, Gen.Values.EDGE}) {
              c.add(Diff.of("arg" + op + " " + t + " " + Arrays.toString(sh) + " axis " + axis + " " + vals, "argReduce", null,
                  false, be -> {
                    View x = Gen.input(be, t, sh, TRANSPOSED, 41, vals);
                    View v = Gen.output(be, t, osh, CONTIG);
                    View i = Gen.output(be, DType.INT64, osh, OFFSET);
                    be.argReduce(op, x, ax, v, i);
                    return List.of(be.download(v), be.download(i));
                  }));
            }
          }
        }
      }
    }
  }

  private static void scans(List<Diff> c) {
    for (ScanOp op : ScanOp.values()) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
        for (int[] sh : new int[][] {{0}, {1}, {17}, {97}, {4, 33}, {3, 5, 7}}) {
          for (int axis = 0; axis < sh.length; axis++) {
            int ax = axis;
            Gen.Values vals = op == ScanOp.CUMPROD ? (t.isFloatingPoint() ? Gen.Values.UNIT : Gen.Values.SMALLINT) : Gen.Values.NORMAL;
            c.add(Diff.of(op + " " + t + " " + Arrays.toString(sh) + " axis " + axis, "scan", op, t == DType.FLOAT64, be -> {
              View x = Gen.input(be, t, sh, TRANSPOSED, 51, vals);
              View o = Gen.output(be, t, sh, STEP2);
              be.scan(op, x, ax, o);
              return List.of(be.download(o));
            }));
          }
        }
      }
    }
  }

  private static void softmax(List<Diff> c) {
    for (boolean log : new boolean[] {false, true}) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        for (int[] sh : new int[][] {{1}, {17}, {97}, {4, 33}, {3, 5, 7}, {3, 1000}, {0, 4}}) {
          for (int axis = 0; axis < sh.length; axis++) {
            int ax = axis;
            for (Gen.Values vals : new Gen.Values[] {Gen.Values.NORMAL, Gen.Values.EDGE}) {
              c.add(Diff.of((log ? "logSoftmax " : "softmax ") + t + " " + Arrays.toString(sh) + " axis " + axis + " " + vals,
                  "softmax", null, t == DType.FLOAT64, be -> {
                    View x = Gen.input(be, t, sh, TRANSPOSED, 61, vals);
                    View o = Gen.output(be, t, sh, OFFSET);
                    be.softmax(x, ax, log, o);
                    return List.of(be.download(o));
                  }).tol(t == DType.FLOAT64 ? 1e-12 : 1e-6, t == DType.FLOAT64 ? 1e-10 : 1e-5));
            }
          }
        }
      }
    }
  }
}

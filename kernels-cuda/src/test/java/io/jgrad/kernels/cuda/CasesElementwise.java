package io.jgrad.kernels.cuda;

import static io.jgrad.kernels.cuda.Gen.Layout.BROADCAST;
import static io.jgrad.kernels.cuda.Gen.Layout.CONTIG;
import static io.jgrad.kernels.cuda.Gen.Layout.OFFSET;
import static io.jgrad.kernels.cuda.Gen.Layout.STEP2;
import static io.jgrad.kernels.cuda.Gen.Layout.TRANSPOSED;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;

/** Differential cases of allocate/upload/download, copy, fill, unary, binary, where and random. */
final class CasesElementwise {
  /** Shapes around the float4 width and warp size, a 0-size and a 1-element one, and 2-D/3-D. */
  static final int[][] SHAPES = {{0}, {1}, {15}, {16}, {17}, {33}, {97}, {4, 33}, {3, 5, 7}};
  static final Gen.Layout[] LAYOUTS = {CONTIG, OFFSET, TRANSPOSED, STEP2};
  private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};
  private static final java.util.Set<UnaryOp> INTEGRAL = java.util.EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN,
      UnaryOp.RELU, UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC, UnaryOp.NAN_TO_NUM, UnaryOp.CLAMP,
      UnaryOp.POW_SCALAR, UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE);

  private CasesElementwise() {}

  static List<Diff> all() {
    List<Diff> c = new ArrayList<>();
    roundTrips(c);
    copies(c);
    unary(c);
    binary(c);
    random(c);
    return c;
  }

  private static String s(int[] shape) { return java.util.Arrays.toString(shape); }

  private static void roundTrips(List<Diff> c) {
    for (DType t : DType.values()) {
      for (int[] sh : SHAPES) {
        c.add(Diff.of("upload " + t + " " + s(sh), "upload", null, t == DType.FLOAT64,
            be -> List.of(be.download(Gen.input(be, t, sh, CONTIG, 1, Gen.Values.EDGE)))));
        for (Gen.Layout lay : new Gen.Layout[] {OFFSET, TRANSPOSED, STEP2, BROADCAST}) {
          c.add(Diff.of("download " + t + " " + s(sh) + " " + lay, "download", null, t == DType.FLOAT64,
              be -> List.of(be.download(Gen.input(be, t, sh, lay, 1, Gen.Values.EDGE)))));
        }
      }
      c.add(Diff.of("allocate+fill " + t, "allocate", null, false, be -> {
        View v = new View(be.allocate(t, 40), t, new int[] {5, 8}, new int[] {8, 1}, 0);
        be.fill(v, 2);
        return List.of(be.download(v));
      }));
      c.add(Diff.of("synchronize " + t, "synchronize", null, false, be -> {
        View v = Gen.input(be, t, new int[] {33}, CONTIG, 2, Gen.Values.NORMAL);
        be.synchronize();
        return List.of(be.download(v));
      }));
    }
  }

  private static void copies(List<Diff> c) {
    for (DType from : DType.values()) {
      for (DType to : DType.values()) {
        for (Gen.Layout lay : new Gen.Layout[] {CONTIG, TRANSPOSED, BROADCAST}) {
          int[] sh = {5, 17};
          c.add(Diff.of("copy " + from + "->" + to + " " + lay, "copy", null, false, be -> {
            View x = Gen.input(be, from, sh, lay, 3, Gen.Values.EDGE);
            View o = Gen.output(be, to, sh, lay == TRANSPOSED ? OFFSET : TRANSPOSED);
            be.copy(x, o);
            return List.of(be.download(o));
          }));
        }
      }
      for (double v : new double[] {0, -2.5, 3.7, Double.NaN, Double.POSITIVE_INFINITY, 1e12}) {
        c.add(Diff.of("fill " + from + " " + v, "fill", null, false, be -> {
          View o = Gen.output(be, from, new int[] {7, 9}, TRANSPOSED);
          be.fill(o, v);
          return List.of(be.download(o));
        }));
      }
    }
  }

  static double[] args(UnaryOp op) {
    return switch (op) {
      case LEAKY_RELU -> new double[] {0.1};
      case ELU -> new double[] {1.3};
      case SOFTPLUS -> new double[] {1.5, 20};
      case CLAMP -> new double[] {-0.7, 1.2};
      case POW_SCALAR -> new double[] {3};
      case NAN_TO_NUM -> new double[] {0.5, 1e6, -1e6};
      default -> new double[0];
    };
  }

  private static void unary(List<Diff> c) {
    for (UnaryOp op : UnaryOp.values()) {
      for (DType t : FLOATS) {
        DType ot = op.isPredicate() ? DType.BOOL : t;
        for (int[] sh : SHAPES) {
          for (Gen.Layout lay : LAYOUTS) {
            if (lay != CONTIG && sh.length < 2 && sh[0] != 17) continue;
            c.add(Diff.of(op + " " + t + " " + s(sh) + " " + lay, "unary", op, t == DType.FLOAT64, be -> {
              View x = Gen.input(be, t, sh, lay, 7 + sh.length, Gen.Values.EDGE);
              View o = Gen.output(be, ot, sh, lay == TRANSPOSED ? CONTIG : lay);
              be.unary(op, x, o, args(op));
              return List.of(be.download(o));
            }));
          }
        }
      }
      if (op == UnaryOp.POW_SCALAR || op == UnaryOp.CLAMP) {
        // second argument sets: torch's sqrt/rsqrt special cases, a fractional power, NaN clamp bounds
        double[][] extra = op == UnaryOp.POW_SCALAR ? new double[][] {{0.5}, {-0.5}, {2.5}, {-2}, {0}}
            : new double[][] {{Double.NaN, 0.3}, {-0.2, Double.NaN}, {1, -1}};
        for (double[] a : extra) {
          for (DType t : FLOATS) {
            c.add(Diff.of(op + java.util.Arrays.toString(a) + " " + t, "unary", op, t == DType.FLOAT64, be -> {
              View x = Gen.input(be, t, new int[] {97}, CONTIG, 5, Gen.Values.EDGE);
              View o = Gen.output(be, t, new int[] {97}, CONTIG);
              be.unary(op, x, o, a);
              return List.of(be.download(o));
            }));
          }
        }
      }
      if (!INTEGRAL.contains(op)) continue;
      for (DType t : new DType[] {DType.INT32, DType.INT64, DType.BOOL}) {
        if (t == DType.BOOL && op != UnaryOp.LOGICAL_NOT) continue;
        DType ot = op.isPredicate() ? DType.BOOL : t;
        c.add(Diff.of(op + " " + t, "unary", op, false, be -> {
          View x = Gen.input(be, t, new int[] {6, 17}, TRANSPOSED, 11, Gen.Values.SMALLINT);
          View o = Gen.output(be, ot, new int[] {6, 17}, CONTIG);
          be.unary(op, x, o, op == UnaryOp.POW_SCALAR ? new double[] {3} : args(op));
          return List.of(be.download(o));
        }));
      }
    }
  }

  private static void binary(List<Diff> c) {
    for (BinaryOp op : BinaryOp.values()) {
      for (DType t : DType.values()) {
        boolean floating = t.isFloatingPoint();
        if (!floating && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) continue;
        if (t == DType.BOOL && !op.isComparison()) continue;
        DType ot = op.isComparison() ? DType.BOOL : t;
        int[][] shapes = floating ? SHAPES : new int[][] {{17}, {4, 33}};
        for (int[] sh : shapes) {
          for (Gen.Layout la : new Gen.Layout[] {CONTIG, TRANSPOSED, BROADCAST, OFFSET}) {
            if (la != CONTIG && sh.length < 2 && sh[0] != 17) continue;
            Gen.Layout lb = la == BROADCAST ? CONTIG : la == TRANSPOSED ? STEP2 : la;
            // remainder/pow of ints: small values (no division by zero, no huge powers)
            Gen.Values vb = !floating && (op == BinaryOp.REMAINDER || op == BinaryOp.POW) ? Gen.Values.POSITIVE : Gen.Values.EDGE;
            c.add(Diff.of(op + " " + t + " " + s(sh) + " " + la, "binary", op, t == DType.FLOAT64, be -> {
              View a = Gen.input(be, t, sh, la, 13, Gen.Values.EDGE);
              View b = vb == Gen.Values.POSITIVE ? positiveInts(be, t, sh) : Gen.input(be, t, sh, lb, 14, vb);
              View o = Gen.output(be, ot, sh, la == OFFSET ? OFFSET : CONTIG);
              be.binary(op, a, b, o);
              return List.of(be.download(o));
            }));
          }
        }
      }
    }
    for (DType t : DType.values()) {
      c.add(Diff.of("where " + t, "where", null, false, be -> {
        int[] sh = {6, 33};
        View cond = Gen.input(be, DType.BOOL, sh, TRANSPOSED, 21, Gen.Values.NORMAL);
        View a = Gen.input(be, t, sh, BROADCAST, 22, Gen.Values.EDGE);
        View b = Gen.input(be, t, sh, STEP2, 23, Gen.Values.EDGE);
        View o = Gen.output(be, t, sh, OFFSET);
        be.where(cond, a, b, o);
        return List.of(be.download(o));
      }));
    }
  }

  /** Integer divisors/exponents in 1..4. */
  private static View positiveInts(io.jgrad.tensor.spi.Backend be, DType t, int[] sh) {
    int n = 1;
    for (int d : sh) n *= d;
    java.util.SplittableRandom r = new java.util.SplittableRandom(99);
    Object a;
    if (t == DType.INT32) {
      int[] x = new int[n];
      for (int i = 0; i < n; i++) x[i] = 1 + r.nextInt(4);
      a = x;
    } else {
      long[] x = new long[n];
      for (int i = 0; i < n; i++) x[i] = 1 + r.nextInt(4);
      a = x;
    }
    return new View(be.upload(t, a), t, sh, Gen.contiguous(sh), 0);
  }

  private static void random(List<Diff> c) {
    for (RandomOp op : RandomOp.values()) {
      for (DType t : FLOATS) {
        for (int[] sh : new int[][] {{0}, {1}, {97}, {33, 17}}) {
          c.add(Diff.of(op + " " + t + " " + s(sh), "random", op, t == DType.FLOAT64, be -> {
            View o = Gen.output(be, t, sh, sh.length == 2 ? TRANSPOSED : CONTIG);
            be.random(op, o, 0x5eed1234abcdL, 1L << 33, op == RandomOp.UNIFORM ? -2 : 1, op == RandomOp.UNIFORM ? 3 : 0.5);
            return List.of(be.download(o));
          }));
        }
      }
    }
  }
}

package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** {@link AllocationProbe} cases of the elementwise kernels: unary, binary, comparisons, where, copy. */
final class ElementwiseProbeCases {
  /** Row length of the kernel cases: whole vectors plus a tail at every width. */
  static final int N = 1027;

  private ElementwiseProbeCases() {}

  static List<ProbeCase> cases() {
    List<ProbeCase> all = new ArrayList<>();
    unary(all);
    binary(all);
    compare(all);
    ops(all);
    return all;
  }

  /** Values in (0.05, 0.95): inside every unary op's domain (log, acos, ...). */
  static float[] floats(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble(0.05, 0.95);
    return v;
  }

  static double[] doubles(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble(0.05, 0.95);
    return v;
  }

  static double[] args(UnaryOp op) {
    return switch (op) {
      case LEAKY_RELU -> new double[] {0.01};
      case ELU -> new double[] {1.0};
      case SOFTPLUS -> new double[] {1.0, 20.0};
      case CLAMP -> new double[] {0.2, 0.8};
      case NAN_TO_NUM -> new double[] {0, 1, -1};
      case POW_SCALAR -> new double[] {1.5};
      default -> new double[0];
    };
  }

  private static void unary(List<ProbeCase> all) {
    float[] x = floats(N, 1), o = new float[N];
    double[] xd = doubles(N, 2), od = new double[N];
    for (UnaryOp op : UnaryOp.values()) {
      double[] a = args(op);
      if (op.isPredicate()) continue;
      var f = UnaryScalar.fn(op, a);
      if (UnaryF32.row(op, x, 0, o, 0, N, a, f)) {
        all.add(ProbeCase.kernel("unary", "unary." + op + ".f32", () -> UnaryF32.row(op, x, 0, o, 0, N, a, f)));
      }
      if (UnaryF64.row(op, xd, 0, od, 0, N, a, f)) {
        all.add(ProbeCase.kernel("unary", "unary." + op + ".f64", () -> UnaryF64.row(op, xd, 0, od, 0, N, a, f)));
      }
    }
    for (double e : new double[] {2, 0.5, -0.5}) {
      double[] a = {e};
      var f = UnaryScalar.fn(UnaryOp.POW_SCALAR, a);
      all.add(ProbeCase.kernel("unary", "unary.POW_SCALAR(" + e + ").f32",
          () -> UnaryF32.row(UnaryOp.POW_SCALAR, x, 0, o, 0, N, a, f)));
    }
  }

  private static void binary(List<ProbeCase> all) {
    float[] x = floats(N, 3), y = floats(N, 4), o = new float[N];
    double[] xd = doubles(N, 5), yd = doubles(N, 6), od = new double[N];
    for (BinaryOp op : BinaryOp.values()) {
      if (op.isComparison()) continue;
      var f = BinaryScalar.fn(op);
      if (BinaryF32.vv(op, x, 0, y, 0, o, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".vv.f32", () -> BinaryF32.vv(op, x, 0, y, 0, o, 0, N, f)));
      }
      if (BinaryF32.vs(op, x, 0, 0.7f, o, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".vs.f32", () -> BinaryF32.vs(op, x, 0, 0.7f, o, 0, N, f)));
      }
      if (BinaryF32.sv(op, 0.7f, y, 0, o, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".sv.f32", () -> BinaryF32.sv(op, 0.7f, y, 0, o, 0, N, f)));
      }
      if (BinaryF64.vv(op, xd, 0, yd, 0, od, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".vv.f64", () -> BinaryF64.vv(op, xd, 0, yd, 0, od, 0, N, f)));
      }
      if (BinaryF64.vs(op, xd, 0, 0.7, od, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".vs.f64", () -> BinaryF64.vs(op, xd, 0, 0.7, od, 0, N, f)));
      }
      if (BinaryF64.sv(op, 0.7, yd, 0, od, 0, N, f)) {
        all.add(ProbeCase.kernel("binary", "binary." + op + ".sv.f64", () -> BinaryF64.sv(op, 0.7, yd, 0, od, 0, N, f)));
      }
    }
  }

  private static void compare(List<ProbeCase> all) {
    if (!CompareF32.USABLE) return;
    float[] x = floats(N, 7), y = floats(N, 8), o = new float[N];
    byte[] b = new byte[N];
    for (int i = 0; i < N; i += 3) y[i] = x[i];
    for (BinaryOp op : new BinaryOp[] {BinaryOp.LT, BinaryOp.LE, BinaryOp.EQ, BinaryOp.NE, BinaryOp.GT, BinaryOp.GE}) {
      int m = Compare.accepted(op);
      all.add(ProbeCase.kernel("compare", "compare." + op + ".f32", () -> CompareF32.row(m, x, 0, y, 0, 1, b, 0, N)));
      all.add(ProbeCase.kernel("compare", "compare." + op + ".scalar.f32", () -> CompareF32.row(m, x, 0, y, 5, 0, b, 0, N)));
    }
    CompareF32.row(Compare.accepted(BinaryOp.GT), x, 0, y, 0, 1, b, 0, N);
    for (int xs = 0; xs < 2; xs++) {
      for (int ys = 0; ys < 2; ys++) {
        int sx = xs, sy = ys;
        all.add(ProbeCase.kernel("compare", "where.x" + sx + "y" + sy + ".f32",
            () -> CompareF32.where(b, 0, x, 0, sx, y, 0, sy, o, 0, N)));
      }
    }
    StridedRuns f32 = StridedRuns.of(DType.FLOAT32), f64 = StridedRuns.of(DType.FLOAT64);
    double[] xd = doubles(N, 9), od = new double[N];
    all.add(ProbeCase.kernel("copy", "runs.add.f32", () -> f32.add(x, 0, 1, o, 0, 1, N, true)));
    all.add(ProbeCase.kernel("copy", "runs.add.f64", () -> f64.add(xd, 0, 1, od, 0, 1, N, true)));
    all.add(ProbeCase.kernel("copy", "runs.copy.f32", () -> f32.copy(x, 0, 1, o, 0, 1, N, true)));
    all.add(ProbeCase.kernel("copy", "runs.zero.f32", () -> f32.zero(o, 0, 1, N, true)));
  }

  static View view(Object array, DType t, int... shape) {
    return new View(CpuBackend.INSTANCE.wrap(t, array), t, shape, CpuBackend.contiguousStrides(shape), 0);
  }

  /** Backend calls over 256 x 131 elements. */
  private static void ops(List<ProbeCase> all) {
    int r = 256, c = 131, n = r * c;
    CpuBackend be = CpuBackend.INSTANCE;
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      String s = t == DType.FLOAT32 ? ".f32" : ".f64";
      View x = view(t == DType.FLOAT32 ? floats(n, 10) : doubles(n, 10), t, r, c);
      View y = view(t == DType.FLOAT32 ? floats(n, 11) : doubles(n, 11), t, r, c);
      View o = view(t == DType.FLOAT32 ? new float[n] : new double[n], t, r, c);
      View bias = view(t == DType.FLOAT32 ? floats(c, 12) : doubles(c, 12), t, c).with(new int[] {r, c}, new int[] {0, 1}, 0);
      View xt = x.with(new int[] {c, r}, new int[] {1, c}, 0);
      View ot = view(t == DType.FLOAT32 ? new float[n] : new double[n], t, c, r);
      View mask = view(new byte[n], DType.BOOL, r, c);
      for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.RELU, UnaryOp.GELU}) {
        all.add(ProbeCase.op("unary", "op.unary." + op + s, () -> be.unary(op, x, o)));
      }
      all.add(ProbeCase.op("binary", "op.binary.ADD" + s, () -> be.binary(BinaryOp.ADD, x, y, o)));
      all.add(ProbeCase.op("binary", "op.binary.ADD.bias" + s, () -> be.binary(BinaryOp.ADD, x, bias, o)));
      all.add(ProbeCase.op("compare", "op.binary.GT" + s, () -> be.binary(BinaryOp.GT, x, y, mask)));
      all.add(ProbeCase.op("compare", "op.where" + s, () -> be.where(mask, x, y, o)));
      all.add(ProbeCase.op("copy", "op.copy" + s, () -> be.copy(x, o)));
      all.add(ProbeCase.op("copy", "op.copy.transposed" + s, () -> be.copy(xt, ot)));
      all.add(ProbeCase.op("copy", "op.fill" + s, () -> be.fill(o, 0.5)));
    }
  }
}

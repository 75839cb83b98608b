package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.UnaryOp;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes every numerically delicate vector kernel on fixed inputs and prints a hash of the
 * output bits per kernel: the unary ops with a vector form, softmax and log-softmax over rows and
 * columns, row and column sums, the matmul tiles and the direct dot products (lane reductions).
 * {@code warm} first drives each kernel until C2 has compiled it (no allocation left, as in
 * {@link AllocationProbe}); {@code cold} computes once, in a JVM started with {@code -Xint}, where
 * every Vector API call runs its Java fallback. {@link DeterminismTest} compares the two.
 */
public final class DeterminismProbe {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private record Case(String name, Runnable body, Object out) {}

  private DeterminismProbe() {}

  /** Values over [-span, span] with the edge values mixed in. */
  static float[] floats(int n, double span, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    float[] edge = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 88.5f, -88.5f, 1e-8f, 0.5f, -0.5f};
    for (int i = 0; i < n; i++) v[i] = i < edge.length ? edge[i] : (float) r.nextDouble(-span, span);
    return v;
  }

  static double[] doubles(int n, double span, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    double[] edge = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 700.5, -700.5, 1e-17, 0.5, -0.5};
    for (int i = 0; i < n; i++) v[i] = i < edge.length ? edge[i] : r.nextDouble(-span, span);
    return v;
  }

  private static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    int n = 1027;
    for (UnaryOp op : UnaryOp.values()) {
      if (op.isPredicate()) continue;
      double[] a = ElementwiseProbeCases.args(op);
      var f = UnaryScalar.fn(op, a);
      boolean positive = op == UnaryOp.LOG || op == UnaryOp.LOG2 || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
      float[] x = floats(n, 20, op.ordinal()), o = new float[n];
      double[] xd = doubles(n, 20, op.ordinal()), od = new double[n];
      if (positive) {
        for (int i = 0; i < n; i++) {
          x[i] = Math.abs(x[i]) * 1e3f;
          xd[i] = Math.abs(xd[i]) * 1e3;
        }
      }
      if (UnaryF32.row(op, x, 0, o, 0, n, a, f)) all.add(new Case("unary." + op + ".f32", () -> UnaryF32.row(op, x, 0, o, 0, n, a, f), o));
      if (UnaryF64.row(op, xd, 0, od, 0, n, a, f)) all.add(new Case("unary." + op + ".f64", () -> UnaryF64.row(op, xd, 0, od, 0, n, a, f), od));
    }
    float[] x = floats(4 * n, 30, 100), o = new float[4 * n];
    double[] xd = doubles(4 * n, 300, 101), od = new double[4 * n];
    for (boolean log : new boolean[] {false, true}) {
      String s = log ? "logSoftmax" : "softmax";
      float[] o1 = new float[n], o2 = new float[4 * n];
      double[] d1 = new double[n], d2 = new double[4 * n];
      all.add(new Case(s + ".row.f32", () -> VectorSoftmax.lineF(x, 3, o1, 0, n, log), o1));
      all.add(new Case(s + ".row.f64", () -> VectorSoftmax.lineD(xd, 3, d1, 0, n, log), d1));
      all.add(new Case(s + ".columns.f32", () -> VectorSoftmaxColumns.columnsF(x, 0, o2, 0, 4, n, 0, n, log), o2));
      all.add(new Case(s + ".columns.f64", () -> VectorSoftmaxColumns.columnsD(xd, 0, d2, 0, 4, n, 0, n, log), d2));
    }
    double[] sums = new double[8];
    all.add(new Case("rows.SUM.f32", () -> sums[0] = VectorRows.row(ReduceOp.SUM, x, 1, 4 * n - 1), sums));
    all.add(new Case("rows.SUM.f64", () -> sums[1] = VectorRows.row(ReduceOp.SUM, xd, 1, 4 * n - 1), sums));
    all.add(new Case("rows.PROD.f32", () -> sums[2] = VectorRows.row(ReduceOp.PROD, x, 10, 50), sums));
    float[] colsF = new float[n];
    double[] colsD = new double[n];
    all.add(new Case("columns.SUM.f32", () -> {
      System.arraycopy(x, 0, colsF, 0, n);
      for (int r = 1; r < 4; r++) VectorColumns.combineF(ReduceOp.SUM, colsF, 0, x, r * n, n);
    }, colsF));
    all.add(new Case("columns.SUM.f64", () -> {
      System.arraycopy(xd, 0, colsD, 0, n);
      for (int r = 1; r < 4; r++) VectorColumns.combineD(ReduceOp.SUM, colsD, 0, xd, r * n, n);
    }, colsD));
    all.addAll(matmul());
    return all;
  }

  private static List<Case> matmul() {
    List<Case> all = new ArrayList<>();
    int m = 37, nn = 45, k = 61;
    float[] a = floats(m * k, 1, 200), b = floats(k * nn, 1, 201), c = new float[m * nn], c2 = new float[m * nn];
    double[] ad = doubles(m * k, 1, 202), bd = doubles(k * nn, 1, 203), cd = new double[m * nn];
    all.add(new Case("matmul.blocked.f32", () -> io.jgrad.tensor.cpu.matmul.MatmulProbeCases.blockedF32(a, b, c, m, nn, k), c));
    all.add(new Case("matmul.blocked.f64", () -> io.jgrad.tensor.cpu.matmul.MatmulProbeCases.blockedF64(ad, bd, cd, m, nn, k), cd));
    all.add(new Case("matmul.alongK.f32", () -> io.jgrad.tensor.cpu.matmul.MatmulProbeCases.alongKF32(a, b, c2, m, nn, k), c2));
    return all;
  }

  /** FNV-1a over the raw bits. */
  static long hash(Object out) {
    long h = 0xcbf29ce484222325L;
    if (out instanceof float[] f) for (float v : f) h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
    else for (double v : (double[]) out) h = (h ^ Double.doubleToRawLongBits(v)) * 0x100000001b3L;
    return h;
  }

  public static void main(String[] args) {
    boolean warm = args.length > 0 && args[0].equals("warm");
    long tid = Thread.currentThread().threadId();
    for (Case c : cases()) {
      if (warm) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int good = 0;
        for (int batch = 1; good < 3 && System.nanoTime() < deadline; batch = Math.min(batch * 2, 4096)) {
          long b0 = MX.getThreadAllocatedBytes(tid);
          for (int i = 0; i < batch; i++) c.body().run();
          good = MX.getThreadAllocatedBytes(tid) == b0 ? good + 1 : 0;
        }
        if (good < 3) System.out.println("NOTCOMPILED " + c.name());
      }
      c.body().run();
      System.out.println("HASH " + c.name() + " " + Long.toHexString(hash(c.out())));
    }
  }
}

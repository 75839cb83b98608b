package io.jgrad.kernels.opencl;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.kernels.opencl.Differential.Tolerance;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.Window2d;
import java.util.SplittableRandom;

/**
 * One small differential case per SPI method / enum value for {@link SpiCoverageTest}: odd
 * sizes, a non-contiguous input each, float32 unless the op needs another dtype. Each returns
 * the number of cases it checked.
 */
final class SpiCases {
  private static final DType F = DType.FLOAT32;
  private static final Tolerance FT = Differential.tolerance(F);

  private SpiCases() {}

  private static SplittableRandom rnd(Object key) { return new SplittableRandom(key.hashCode()); }

  static int copy(DType to) {
    SplittableRandom r = rnd("copy" + to);
    Input x = Differential.input(F, new int[] {3, 17}, Layout.TRANSPOSED, r, Differential.SPECIALS);
    return Differential.check("copy -> " + to, (be, v) -> { be.copy(v[0], v[1]); return null; },
        Differential.tolerance(to), x, Differential.output(to, new int[] {3, 17}, r));
  }

  static int fill() {
    Input out = Differential.input(DType.INT64, new int[] {4, 5}, Layout.STRIDED, rnd("fill"));
    return Differential.check("fill", (be, v) -> { be.fill(v[0], -3.7); return null; }, FT, out);
  }

  static int unary(UnaryOp op) {
    SplittableRandom r = rnd(op);
    double[] p = ClUnaryTest.params(op, F).get(0);
    Input x = Differential.input(F, new int[] {2, 17}, Layout.TRANSPOSED, r, Differential.SPECIALS);
    return Differential.check("unary " + op, (be, v) -> { be.unary(op, v[0], v[1], p); return null; }, FT, x,
        Differential.output(op.isPredicate() ? DType.BOOL : F, new int[] {2, 17}, r));
  }

  static int binary(BinaryOp op) {
    SplittableRandom r = rnd(op);
    Input[] ab = ClBinaryTest.outer(F, r, ClBinaryTest.right(op));
    return Differential.check("binary " + op, (be, v) -> { be.binary(op, v[0], v[1], v[2]); return null; }, FT,
        ab[0], ab[1], Differential.output(op.isComparison() ? DType.BOOL : F, new int[] {4, 5}, r));
  }

  static int where() {
    SplittableRandom r = rnd("where");
    Input c = Differential.input(DType.BOOL, new int[] {4, 5}, Layout.BROADCAST, r);
    Input a = Differential.input(F, new int[] {4, 5}, Layout.TRANSPOSED, r);
    Input b = Differential.input(F, new int[] {4, 5}, Layout.STRIDED, r);
    return Differential.check("where", (be, v) -> { be.where(v[0], v[1], v[2], v[3]); return null; }, FT, c, a, b,
        Differential.output(F, new int[] {4, 5}, r));
  }

  static int reduce(ReduceOp op) {
    SplittableRandom r = rnd(op);
    DType t = op == ReduceOp.ALL || op == ReduceOp.ANY ? DType.BOOL : F;
    Input x = Differential.input(t, new int[] {3, 5, 300}, Layout.TRANSPOSED, r);
    int[] axes = {0, 2};
    return Differential.check("reduce " + op, (be, v) -> { be.reduce(op, v[0], axes, v[1]); return null; },
        ClReduceTest.tolerance(op, t), x, Differential.output(ClReduceTest.outType(op, t), new int[] {1, 5, 1}, r));
  }

  static int argReduce(ReduceOp op) {
    SplittableRandom r = rnd("arg" + op);
    Input x = Differential.input(F, new int[] {4, 33}, Layout.STRIDED, r);
    return Differential.check("argReduce " + op, (be, v) -> { be.argReduce(op, v[0], 1, v[1], v[2]); return null; },
        FT, x, Differential.output(F, new int[] {4, 1}, r), Differential.output(DType.INT64, new int[] {4, 1}, r));
  }

  static int scan(ScanOp op) {
    SplittableRandom r = rnd(op);
    Input x = Differential.input(F, new int[] {3, 17}, Layout.TRANSPOSED, r);
    return Differential.check("scan " + op, (be, v) -> { be.scan(op, v[0], 1, v[1]); return null; },
        ClScanTest.tolerance(F, false), x, Differential.output(F, new int[] {3, 17}, r));
  }

  static int softmax(boolean log) {
    SplittableRandom r = rnd("softmax" + log);
    Input x = Differential.input(F, new int[] {5, 17}, Layout.STRIDED, r);
    return Differential.check("softmax " + log, (be, v) -> { be.softmax(v[0], 1, log, v[1]); return null; },
        ClScanTest.tolerance(F, false), x, Differential.output(F, new int[] {5, 17}, r));
  }

  static int matmul() {
    SplittableRandom r = rnd("matmul");
    Input a = Differential.input(F, new int[] {2, 7, 33}, Layout.TRANSPOSED, r);
    Input b = Differential.input(F, new int[] {2, 33, 5}, Layout.BROADCAST, r);
    return Differential.check("matmul", (be, v) -> { be.matmul(v[0], v[1], v[2]); return null; },
        new Tolerance(1e-4, 1e-4), a, b, Differential.output(F, new int[] {2, 7, 5}, r));
  }

  /** INT64 indices in [0, size) of a [rows, cols] view; distinct within a row when distinct is set. */
  static Input index(int rows, int cols, int size, boolean distinct, SplittableRandom r) {
    long[] idx = new long[rows * cols];
    for (int i = 0; i < rows; i++) {
      int[] perm = r.ints(0, size).distinct().limit(size).toArray();
      for (int j = 0; j < cols; j++) idx[i * cols + j] = distinct ? perm[j] : r.nextInt(size);
    }
    return new Input("index", DType.INT64, idx, new int[] {rows, cols}, new int[] {cols, 1}, 0);
  }

  static int gather() {
    SplittableRandom r = rnd("gather");
    Input x = Differential.input(F, new int[] {3, 17}, Layout.TRANSPOSED, r);
    Input idx = index(3, 5, 17, false, r);
    return Differential.check("gather", (be, v) -> { be.gather(v[0], 1, v[1], v[2]); return null; }, FT, x, idx,
        Differential.output(F, new int[] {3, 5}, r));
  }

  static int scatter(ScatterMode mode) {
    SplittableRandom r = rnd(mode);
    Input src = Differential.input(F, new int[] {3, 5}, Layout.STRIDED, r);
    Input idx = index(3, 5, 17, mode == ScatterMode.SET, r);
    return Differential.check("scatter " + mode, (be, v) -> { be.scatter(mode, v[0], 1, v[1], v[2]); return null; },
        FT, src, idx, Differential.output(F, new int[] {3, 17}, r));
  }

  static int sort(boolean descending) {
    SplittableRandom r = rnd("sort" + descending);
    // Few distinct values: stability decides the order of ties.
    Input x = Differential.input(F, new int[] {4, 33}, Layout.TRANSPOSED, r, (rr, t) -> rr.nextInt(-3, 4));
    return Differential.check("sort " + descending, (be, v) -> { be.sort(v[0], 1, descending, v[1], v[2]); return null; },
        FT, x, Differential.output(F, new int[] {4, 33}, r), Differential.output(DType.INT64, new int[] {4, 33}, r));
  }

  static int nonzero() {
    SplittableRandom r = rnd("nonzero");
    Input x = Differential.input(F, new int[] {5, 17}, Layout.STRIDED, r, (rr, t) -> rr.nextInt(3) == 0 ? 0 : rr.nextDouble());
    return Differential.check("nonzero", (be, v) -> be.nonzero(v[0]), FT, x);
  }

  private static final Window2d W = new Window2d(3, 3, 2, 1, 1, 1, 1, 2, false);

  static int im2col() {
    SplittableRandom r = rnd("im2col");
    Input x = Differential.input(F, new int[] {2, 3, 7, 9}, Layout.TRANSPOSED, r);
    int rows = 3 * 9, cols = W.outH(7) * W.outW(9);
    return Differential.check("im2col", (be, v) -> { be.im2col(v[0], W, v[1]); return null; }, FT, x,
        Differential.output(F, new int[] {2, rows, cols}, r));
  }

  static int col2im() {
    SplittableRandom r = rnd("col2im");
    int rows = 3 * 9, cols = W.outH(7) * W.outW(9);
    Input c = Differential.input(F, new int[] {2, rows, cols}, Layout.STRIDED, r);
    Input x = Differential.input(F, new int[] {2, 3, 7, 9}, Layout.CONTIGUOUS, r, (rr, t) -> 0);
    return Differential.check("col2im", (be, v) -> { be.col2im(v[0], W, v[1]); return null; }, new Tolerance(1e-5, 1e-5), c, x);
  }

  static int pool2d(PoolMode mode) {
    SplittableRandom r = rnd(mode);
    Window2d w = new Window2d(3, 2, 2, 2, 1, 0, 1, 1, true);
    int[] outShape = mode == PoolMode.ADAPTIVE_AVG ? new int[] {2, 3, 4, 3} : new int[] {2, 3, w.outH(9), w.outW(7)};
    Input x = Differential.input(F, new int[] {2, 3, 9, 7}, Layout.TRANSPOSED, r);
    Input out = Differential.output(F, outShape, r);
    if (mode != PoolMode.MAX) {
      return Differential.check("pool2d " + mode, (be, v) -> { be.pool2d(mode, v[0], w, v[1], null); return null; }, FT, x, out);
    }
    return Differential.check("pool2d " + mode, (be, v) -> { be.pool2d(mode, v[0], w, v[1], v[2]); return null; }, FT, x, out,
        Differential.output(DType.INT64, outShape, r));
  }

  static int random(RandomOp op) {
    SplittableRandom r = rnd(op);
    Input out = Differential.input(F, new int[] {7, 33}, Layout.STRIDED, r);
    return Differential.check("random " + op, (be, v) -> { be.random(op, v[0], 1234, 77, -2, 3); return null; },
        new Tolerance(1e-5, 1e-5), out);
  }
}

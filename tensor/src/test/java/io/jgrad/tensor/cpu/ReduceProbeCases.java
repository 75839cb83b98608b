package io.jgrad.tensor.cpu;

import static io.jgrad.tensor.cpu.ElementwiseProbeCases.doubles;
import static io.jgrad.tensor.cpu.ElementwiseProbeCases.floats;
import static io.jgrad.tensor.cpu.ElementwiseProbeCases.view;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.ArrayList;
import java.util.List;

/** {@link AllocationProbe} cases of reductions, softmax, pooling and im2col/col2im. */
final class ReduceProbeCases {
  private static final int N = ElementwiseProbeCases.N;
  private static final ReduceOp[] OPS = {ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN};

  private ReduceProbeCases() {}

  static List<ProbeCase> cases() {
    List<ProbeCase> all = new ArrayList<>();
    float[] x = floats(4 * N, 20), o = new float[4 * N];
    double[] xd = doubles(4 * N, 21), od = new double[4 * N];
    long[] idx = new long[1];
    double[] sink = new double[1];
    for (ReduceOp op : OPS) {
      all.add(ProbeCase.kernel("reduce", "rows." + op + ".f32", () -> sink[0] += VectorRows.row(op, x, 1, 2 * N)));
      all.add(ProbeCase.kernel("reduce", "rows." + op + ".f64", () -> sink[0] += VectorRows.row(op, xd, 1, 2 * N)));
      all.add(ProbeCase.kernel("reduce", "columns." + op + ".f32", () -> VectorColumns.combineF(op, o, 0, x, 3, N)));
      all.add(ProbeCase.kernel("reduce", "columns." + op + ".f64", () -> VectorColumns.combineD(op, od, 0, xd, 3, N)));
    }
    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
      all.add(ProbeCase.kernel("reduce", "arg." + op + ".f32", () -> VectorRows.arg(op, x, 1, 2 * N, o, 0, idx, 0)));
      all.add(ProbeCase.kernel("reduce", "arg." + op + ".f64", () -> VectorRows.arg(op, xd, 1, 2 * N, od, 0, idx, 0)));
    }
    for (boolean log : new boolean[] {false, true}) {
      String s = log ? "logSoftmax" : "softmax";
      all.add(ProbeCase.kernel("softmax", s + ".row.f32", () -> VectorSoftmax.lineF(x, 1, o, 2, N, log)));
      all.add(ProbeCase.kernel("softmax", s + ".row.f64", () -> VectorSoftmax.lineD(xd, 1, od, 2, N, log)));
      all.add(ProbeCase.kernel("softmax", s + ".row10.f32", () -> VectorSoftmax.lineF(x, 1, o, 2, 10, log)));
      all.add(ProbeCase.kernel("softmax", s + ".columns.f32",
          () -> VectorSoftmaxColumns.columnsF(x, 0, o, 0, 4, N, 0, N, log)));
      all.add(ProbeCase.kernel("softmax", s + ".columns.f64",
          () -> VectorSoftmaxColumns.columnsD(xd, 0, od, 0, 4, N, 0, N, log)));
    }
    ops(all);
    return all;
  }

  /** Backend calls over at least 32K elements. */
  private static void ops(List<ProbeCase> all) {
    CpuBackend be = CpuBackend.INSTANCE;
    int r = 256, c = 131, n = r * c;
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      String s = t == DType.FLOAT32 ? ".f32" : ".f64";
      boolean f = t == DType.FLOAT32;
      View x = view(f ? floats(n, 22) : doubles(n, 22), t, r, c);
      View o = view(f ? new float[n] : new double[n], t, r, c);
      View rows = view(f ? new float[r] : new double[r], t, r, 1);
      View cols = view(f ? new float[c] : new double[c], t, 1, c);
      View whole = view(f ? new float[1] : new double[1], t, 1, 1);
      View idx = view(new long[r], DType.INT64, r, 1);
      for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX}) {
        all.add(ProbeCase.op("reduce", "op.reduce." + op + ".rows" + s, () -> be.reduce(op, x, new int[] {1}, rows)));
        all.add(ProbeCase.op("reduce", "op.reduce." + op + ".columns" + s, () -> be.reduce(op, x, new int[] {0}, cols)));
      }
      all.add(ProbeCase.op("reduce", "op.reduce.SUM.all" + s, () -> be.reduce(ReduceOp.SUM, x, new int[] {0, 1}, whole)));
      all.add(ProbeCase.op("reduce", "op.argmax.rows" + s, () -> be.argReduce(ReduceOp.MAX, x, 1, rows, idx)));
      all.add(ProbeCase.op("softmax", "op.softmax.rows" + s, () -> be.softmax(x, 1, false, o)));
      all.add(ProbeCase.op("softmax", "op.logSoftmax.rows" + s, () -> be.softmax(x, 1, true, o)));
      all.add(ProbeCase.op("softmax", "op.softmax.columns" + s, () -> be.softmax(x, 0, false, o)));
      // CNN shapes: 8 x 4 x 28 x 28, 3x3 window, padding 1
      int b = 8, ch = 4, h = 28, w = 28;
      View img = view(f ? floats(b * ch * h * w, 23) : doubles(b * ch * h * w, 23), t, b, ch, h, w);
      Window2d conv = new Window2d(3, 3, 1, 1, 1, 1, 1, 1, false);
      View colsV = view(f ? new float[b * ch * 9 * h * w] : new double[b * ch * 9 * h * w], t, b, ch * 9, h * w);
      View back = view(f ? new float[b * ch * h * w] : new double[b * ch * h * w], t, b, ch, h, w);
      all.add(ProbeCase.op("im2col", "op.im2col" + s, () -> be.im2col(img, conv, colsV)));
      all.add(ProbeCase.op("im2col", "op.col2im" + s, () -> be.col2im(colsV, conv, back)));
      Window2d pool = new Window2d(2, 2, 2, 2, 0, 0, 1, 1, false);
      View pooled = view(f ? new float[b * ch * 14 * 14] : new double[b * ch * 14 * 14], t, b, ch, 14, 14);
      View pidx = view(new long[b * ch * 14 * 14], DType.INT64, b, ch, 14, 14);
      all.add(ProbeCase.op("pooling", "op.maxPool" + s, () -> be.pool2d(PoolMode.MAX, img, pool, pooled, pidx)));
      all.add(ProbeCase.op("pooling", "op.avgPool" + s, () -> be.pool2d(PoolMode.AVG, img, pool, pooled, null)));
    }
  }
}

package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;

/**
 * Reductions on the CPU: picks the kernel from the layout ({@link ReduceGeometry}). FLOAT32
 * and FLOAT64 SUM/MEAN/PROD/MAX/MIN over contiguous rows or columns take the Vector API
 * kernels ({@link VectorReduce}); everything else, and everything under
 * {@link CpuBackend#scalarOnly()}, takes {@link ScalarReduce}.
 */
final class CpuReduce {
  /** Elements below which a reduction stays on the calling thread. */
  static final long PARALLEL_MIN = 1 << 16;

  private CpuReduce() {}

  static void reduce(ReduceOp op, View x, int[] axes, View out) {
    ReduceGeometry g = new ReduceGeometry(x, axes, out);
    if (g.outputs == 0) return;
    if (g.count == 0) {
      if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
        throw new IllegalArgumentException(op + " over zero elements has no identity (shape " + java.util.Arrays.toString(x.shape()) + ")");
      }
      CpuCopy.fill(out, op == ReduceOp.MEAN ? Double.NaN : ScalarReduce.identityD(op));
      return;
    }
    if (g.count == 1 && x.dtype() == out.dtype()) {
      // Every reduced axis has size 1: x already has out's shape and each output is one element.
      CpuCopy.copy(x, out);
      return;
    }
    boolean vector = !CpuBackend.scalarOnly() && x.dtype().isFloatingPoint() && op != ReduceOp.ALL && op != ReduceOp.ANY;
    if (vector && g.rowsContiguous()) VectorReduce.rows(op, x, out, g);
    else if (vector && g.columnsContiguous()) VectorReduce.columns(op, x, out, g);
    else ScalarReduce.reduce(op, x, out, g);
  }

  /**
   * First extreme along axis; a NaN wins. Contiguous FLOAT32/FLOAT64 lines take a vector
   * extreme pass and then look for its first occurrence ({@link VectorRows#argF}).
   */
  static void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    LineGeometry lg = new LineGeometry(x.shape(), axis,
        new int[][] {x.strides(), values.strides(), indices.strides()},
        new int[] {x.offset(), values.offset(), indices.offset()});
    Object a = ((CpuBuffer) x.buffer()).array();
    Object v = ((CpuBuffer) values.buffer()).array();
    long[] idx = ((CpuBuffer) indices.buffer()).i64();
    int st = lg.axisStride[0];
    boolean vector = !CpuBackend.scalarOnly() && x.dtype().isFloatingPoint() && (st == 1 || lg.n == 1);
    lg.run((lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        if (vector) VectorRows.arg(op, a, lg.base(0, i), lg.n, v, lg.base(1, i), idx, lg.base(2, i));
        else ScalarReduce.argLine(op, x.dtype(), a, lg.base(0, i), lg.n, st, v, lg.base(1, i), idx, lg.base(2, i));
      }
    }, PARALLEL_MIN);
  }
}

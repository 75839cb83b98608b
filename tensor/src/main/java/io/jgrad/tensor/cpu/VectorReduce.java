package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;

/**
 * Vector API reductions of FLOAT32/FLOAT64 in the two layouts that matter: contiguous rows
 * (the reduced dims are innermost; one horizontal reduction per output, see
 * {@link VectorRows}) and contiguous columns (a kept dim is innermost; whole input rows are
 * folded into the output row lane by lane, see {@link VectorColumns}). Float sums are cascaded
 * (blocks of {@link #BLOCK} elements in float lanes, blocks added in double) so 16M-element
 * sums stay accurate. {@link ScalarReduce} is the twin.
 */
final class VectorReduce {
  /** Elements summed in float lanes before the partial is added in double. */
  static final int BLOCK = 1024;
  /** A single row is split across threads above this many elements. */
  static final int SPLIT_MIN = 1 << 18;

  private VectorReduce() {}

  static void rows(ReduceOp op, View x, View out, ReduceGeometry g) {
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    int n = g.count;
    if (g.outputs == 1 && n >= SPLIT_MIN && Parallel.threads() > 1) {
      int chunks = Parallel.threads() * 4;
      double[] partial = new double[chunks];
      int xb = g.xOffset + ReduceGeometry.offsetOf(0, g.keptShape, g.keptX, g.keptShape.length);
      Parallel.forChunks(chunks, chunks, (lo, hi) -> {
        for (int c = lo; c < hi; c++) {
          int s = (int) ((long) n * c / chunks), e = (int) ((long) n * (c + 1) / chunks);
          partial[c] = VectorRows.row(op, a, xb + s, e - s);
        }
      });
      double v = partial[0];
      for (int c = 1; c < chunks; c++) v = combine(op, v, partial[c]);
      store(op, out, o, g.outOffset + ReduceGeometry.offsetOf(0, g.keptShape, g.keptOut, g.keptShape.length), v, n);
      return;
    }
    Parallel.Range body = (lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        int xb = g.xOffset + ReduceGeometry.offsetOf(i, g.keptShape, g.keptX, g.keptShape.length);
        int ob = g.outOffset + ReduceGeometry.offsetOf(i, g.keptShape, g.keptOut, g.keptShape.length);
        store(op, out, o, ob, VectorRows.row(op, a, xb, n), n);
      }
    };
    if (g.outputs >= 2 && (long) g.outputs * n >= CpuReduce.PARALLEL_MIN) Parallel.forRange(g.outputs, body);
    else body.run(0, g.outputs);
  }

  static void columns(ReduceOp op, View x, View out, ReduceGeometry g) {
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    int last = g.keptShape.length - 1;
    int width = g.keptShape[last];
    int outer = g.outputs / width;
    boolean parallel = (long) g.outputs * g.count >= CpuReduce.PARALLEL_MIN && Parallel.threads() > 1;
    if (parallel && outer >= Parallel.threads()) {
      Parallel.forRange(outer, (lo, hi) -> {
        for (int p = lo; p < hi; p++) columnBlock(op, a, o, g, p, 0, width);
      });
    } else if (parallel && width >= 64 * Parallel.threads()) {
      Parallel.forRange(width, (lo, hi) -> {
        for (int p = 0; p < outer; p++) columnBlock(op, a, o, g, p, lo, hi);
      });
    } else {
      for (int p = 0; p < outer; p++) columnBlock(op, a, o, g, p, 0, width);
    }
  }

  /** Columns [c0, c1) of the p-th output row. */
  private static void columnBlock(ReduceOp op, Object a, Object o, ReduceGeometry g, int p, int c0, int c1) {
    int last = g.keptShape.length - 1;
    int xb = g.xOffset + ReduceGeometry.offsetOf(p, g.keptShape, g.keptX, last) + c0;
    int ob = g.outOffset + ReduceGeometry.offsetOf(p, g.keptShape, g.keptOut, last) + c0;
    if (a instanceof float[] f) VectorColumns.columnsF(op, f, (float[]) o, g, xb, ob, c1 - c0);
    else VectorColumns.columnsD(op, (double[]) a, (double[]) o, g, xb, ob, c1 - c0);
  }

  static double combine(ReduceOp op, double a, double b) {
    return switch (op) {
      case SUM, MEAN -> a + b;
      case PROD -> a * b;
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      default -> throw new IllegalStateException(op + " has no vector kernel");
    };
  }

  private static void store(ReduceOp op, View out, Object o, int ob, double v, int n) {
    CpuCopy.putDouble(out.dtype(), o, ob, op == ReduceOp.MEAN ? v / n : v);
  }
}

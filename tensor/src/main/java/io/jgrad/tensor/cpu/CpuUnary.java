package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Unary kernels: dispatch on dtype once per call, then per row a Vector API loop when the row
 * is contiguous in input and output ({@link UnaryF32}, {@link UnaryF64}), else the strided
 * scalar loop of {@link UnaryScalar}. Integer and bool inputs always run the scalar path.
 * The output may be the input itself (in-place ops): each element is read before it is written.
 */
final class CpuUnary {
  private CpuUnary() {}

  static void run(UnaryOp op, View x, View out, double... args) {
    StridedLoop loop = new StridedLoop(out.shape(), new int[][] {x.strides(), out.strides()},
        new int[] {x.offset(), out.offset()});
    Object xa = ((CpuBuffer) x.buffer()).array(), oa = ((CpuBuffer) out.buffer()).array();
    boolean vector = !CpuBackend.scalarOnly();
    DType xt = x.dtype(), ot = out.dtype();
    if (xt.isFloatingPoint()) {
      DoubleUnaryOperator f = UnaryScalar.fn(op, args);
      if (xt == DType.FLOAT32 && ot == DType.FLOAT32) {
        float[] xs = (float[]) xa, os = (float[]) oa;
        Rows.run(loop, (n, o, st) -> {
          if (vector && st[0] == 1 && st[1] == 1 && UnaryF32.row(op, xs, o[0], os, o[1], n, args, f)) return;
          for (int i = 0; i < n; i++) os[o[1] + i * st[1]] = (float) f.applyAsDouble(xs[o[0] + i * st[0]]);
        });
      } else if (xt == DType.FLOAT64 && ot == DType.FLOAT64) {
        double[] xs = (double[]) xa, os = (double[]) oa;
        Rows.run(loop, (n, o, st) -> {
          if (vector && st[0] == 1 && st[1] == 1 && UnaryF64.row(op, xs, o[0], os, o[1], n, args, f)) return;
          for (int i = 0; i < n; i++) os[o[1] + i * st[1]] = f.applyAsDouble(xs[o[0] + i * st[0]]);
        });
      } else {
        Rows.run(loop, (n, o, st) -> {
          for (int i = 0; i < n; i++) {
            CpuCopy.putDouble(ot, oa, o[1] + i * st[1], f.applyAsDouble(CpuCopy.getDouble(xt, xa, o[0] + i * st[0])));
          }
        });
      }
    } else if (xt == DType.INT64 && ot == xt) {
      LongUnaryOperator f = UnaryScalar.integral(op, args);
      long[] xs = (long[]) xa, os = (long[]) oa;
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) os[o[1] + i * st[1]] = f.applyAsLong(xs[o[0] + i * st[0]]);
      });
    } else if (xt == DType.INT32 && ot == xt) {
      LongUnaryOperator f = UnaryScalar.integral(op, args);
      int[] xs = (int[]) xa, os = (int[]) oa;
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) os[o[1] + i * st[1]] = (int) f.applyAsLong(xs[o[0] + i * st[0]]);
      });
    } else {
      LongUnaryOperator f = UnaryScalar.integral(op, args);
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) {
          CpuCopy.putLong(ot, oa, o[1] + i * st[1], f.applyAsLong(CpuCopy.getLong(xt, xa, o[0] + i * st[0])));
        }
      });
    }
  }
}

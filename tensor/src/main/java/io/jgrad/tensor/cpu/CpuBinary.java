package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.View;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Binary kernels and where. Per row: a Vector API loop when every operand is contiguous or one
 * input is broadcast along the row (inner stride 0), else the strided scalar loop of
 * {@link BinaryScalar}. Comparisons and logical ops run {@link Compare}; integers and bools the
 * scalar path.
 * The output may alias an input with the same layout (in-place ops).
 */
final class CpuBinary {
  private CpuBinary() {}

  static void run(BinaryOp op, View a, View b, View out) {
    if (!CpuBackend.scalarOnly() && out.numel() >= DENSE_MIN && (gathered(a, out) || gathered(b, out))
        && (a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64) && b.dtype() == a.dtype() && out.dtype() == a.dtype()
        && hasVectorKernel(op, a.dtype())) {
      runDense(op, a, b, out);
      return;
    }
    StridedLoop loop = new StridedLoop(out.shape(), new int[][] {a.strides(), b.strides(), out.strides()},
        new int[] {a.offset(), b.offset(), out.offset()});
    Object aa = array(a), ba = array(b), oa = array(out);
    DType t = a.dtype(), ot = out.dtype();
    boolean vector = !CpuBackend.scalarOnly();
    if (op.isComparison() && ot == DType.BOOL) {
      byte[] o = (byte[]) oa;
      Rows.run(loop, (n, p, st) -> Compare.row(op, aa, p[0], st[0], ba, p[1], st[1], o, p[2], st[2], n, vector));
    } else if (t.isFloatingPoint()) {
      DoubleBinaryOperator f = BinaryScalar.fn(op);
      if (t == DType.FLOAT32 && ot == t) {
        f32(loop, op, (float[]) aa, (float[]) ba, (float[]) oa, f, vector);
      } else if (t == DType.FLOAT64 && ot == t) {
        f64(loop, op, (double[]) aa, (double[]) ba, (double[]) oa, f, vector);
      } else {
        Rows.run(loop, (n, o, st) -> {
          for (int i = 0; i < n; i++) {
            double x = CpuCopy.getDouble(t, aa, o[0] + i * st[0]), y = CpuCopy.getDouble(t, ba, o[1] + i * st[1]);
            CpuCopy.putDouble(ot, oa, o[2] + i * st[2], f.applyAsDouble(x, y));
          }
        });
      }
    } else if (t == DType.INT64 && ot == t) {
      LongBinaryOperator f = BinaryScalar.integral(op);
      long[] x = (long[]) aa, y = (long[]) ba, z = (long[]) oa;
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) z[o[2] + i * st[2]] = f.applyAsLong(x[o[0] + i * st[0]], y[o[1] + i * st[1]]);
      });
    } else if (t == DType.INT32 && ot == t) {
      LongBinaryOperator f = BinaryScalar.integral(op);
      int[] x = (int[]) aa, y = (int[]) ba, z = (int[]) oa;
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) z[o[2] + i * st[2]] = (int) f.applyAsLong(x[o[0] + i * st[0]], y[o[1] + i * st[1]]);
      });
    } else {
      LongBinaryOperator f = BinaryScalar.integral(op);
      Rows.run(loop, (n, o, st) -> {
        for (int i = 0; i < n; i++) {
          long x = CpuCopy.getLong(t, aa, o[0] + i * st[0]), y = CpuCopy.getLong(t, ba, o[1] + i * st[1]);
          CpuCopy.putLong(ot, oa, o[2] + i * st[2], f.applyAsLong(x, y));
        }
      });
    }
  }

  /** Outputs at least this large copy a strided operand to a dense buffer first (see {@link #runDense}). */
  static final long DENSE_MIN = 1024;

  /** True when v is read across out's rows with an inner stride other than 0 or 1 (a transposed gradient, say). */
  private static boolean gathered(View v, View out) {
    int r = out.rank();
    return r >= 1 && out.isContiguous() && v.stride(r - 1) != 0 && v.stride(r - 1) != 1;
  }

  private static boolean hasVectorKernel(BinaryOp op, DType t) {
    return switch (op) {
      case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM -> true;
      default -> false;
    };
  }

  /**
   * A float op whose output is contiguous but whose operand is read with a stride along the rows
   * (e.g. accumulating a transposed weight gradient): that operand is first copied into a dense
   * pooled buffer ({@link CpuCopy}, no per-element function call), then the vector loop runs.
   * Row by row the scalar fallback cost a function call per element: 13% of an MLP step.
   */
  private static void runDense(BinaryOp op, View a, View b, View out) {
    View da = gathered(a, out) ? dense(a, out) : a, db = gathered(b, out) ? dense(b, out) : b;
    try {
      run(op, da, db, out);
    } finally {
      if (da != a) da.buffer().release();
      if (db != b) db.buffer().release();
    }
  }

  private static View dense(View v, View out) {
    int n = Math.toIntExact(out.numel());
    CpuBuffer buf = new CpuBuffer(v.dtype(), CpuPool.take(v.dtype(), n), true);
    View d = new View(buf, v.dtype(), out.shape(), CpuBackend.contiguousStrides(out.shape()), 0);
    CpuCopy.copy(v, d);
    return d;
  }

  private static void f32(StridedLoop loop, BinaryOp op, float[] a, float[] b, float[] out, DoubleBinaryOperator f,
                          boolean vector) {
    Rows.run(loop, (n, o, st) -> {
      if (vector && st[2] == 1) {
        if (st[0] == 1 && st[1] == 1 && BinaryF32.vv(op, a, o[0], b, o[1], out, o[2], n, f)) return;
        if (st[0] == 1 && st[1] == 0 && BinaryF32.vs(op, a, o[0], b[o[1]], out, o[2], n, f)) return;
        if (st[0] == 0 && st[1] == 1 && BinaryF32.sv(op, a[o[0]], b, o[1], out, o[2], n, f)) return;
      }
      for (int i = 0; i < n; i++) {
        out[o[2] + i * st[2]] = (float) f.applyAsDouble(a[o[0] + i * st[0]], b[o[1] + i * st[1]]);
      }
    });
  }

  private static void f64(StridedLoop loop, BinaryOp op, double[] a, double[] b, double[] out, DoubleBinaryOperator f,
                          boolean vector) {
    Rows.run(loop, (n, o, st) -> {
      if (vector && st[2] == 1) {
        if (st[0] == 1 && st[1] == 1 && BinaryF64.vv(op, a, o[0], b, o[1], out, o[2], n, f)) return;
        if (st[0] == 1 && st[1] == 0 && BinaryF64.vs(op, a, o[0], b[o[1]], out, o[2], n, f)) return;
        if (st[0] == 0 && st[1] == 1 && BinaryF64.sv(op, a[o[0]], b, o[1], out, o[2], n, f)) return;
      }
      for (int i = 0; i < n; i++) out[o[2] + i * st[2]] = f.applyAsDouble(a[o[0] + i * st[0]], b[o[1] + i * st[1]]);
    });
  }

  /** out = cond ? a : b; cond is BOOL, a, b and out share a dtype. */
  static void where(View cond, View a, View b, View out) {
    StridedLoop loop = new StridedLoop(out.shape(),
        new int[][] {cond.strides(), a.strides(), b.strides(), out.strides()},
        new int[] {cond.offset(), a.offset(), b.offset(), out.offset()});
    byte[] c = (byte[]) array(cond);
    Object aa = array(a), ba = array(b), oa = array(out);
    switch (oa) {
      case float[] o -> {
        float[] x = (float[]) aa, y = (float[]) ba;
        boolean vector = !CpuBackend.scalarOnly();
        Rows.run(loop, (n, p, s) -> {
          if (vector && CompareF32.USABLE && s[0] == 1 && s[3] == 1 && s[1] <= 1 && s[2] <= 1) {
            CompareF32.where(c, p[0], x, p[1], s[1], y, p[2], s[2], o, p[3], n);
            return;
          }
          for (int i = 0; i < n; i++) o[p[3] + i * s[3]] = c[p[0] + i * s[0]] != 0 ? x[p[1] + i * s[1]] : y[p[2] + i * s[2]];
        });
      }
      case double[] o -> {
        double[] x = (double[]) aa, y = (double[]) ba;
        Rows.run(loop, (n, p, s) -> {
          for (int i = 0; i < n; i++) o[p[3] + i * s[3]] = c[p[0] + i * s[0]] != 0 ? x[p[1] + i * s[1]] : y[p[2] + i * s[2]];
        });
      }
      case int[] o -> {
        int[] x = (int[]) aa, y = (int[]) ba;
        Rows.run(loop, (n, p, s) -> {
          for (int i = 0; i < n; i++) o[p[3] + i * s[3]] = c[p[0] + i * s[0]] != 0 ? x[p[1] + i * s[1]] : y[p[2] + i * s[2]];
        });
      }
      case long[] o -> {
        long[] x = (long[]) aa, y = (long[]) ba;
        Rows.run(loop, (n, p, s) -> {
          for (int i = 0; i < n; i++) o[p[3] + i * s[3]] = c[p[0] + i * s[0]] != 0 ? x[p[1] + i * s[1]] : y[p[2] + i * s[2]];
        });
      }
      case byte[] o -> {
        byte[] x = (byte[]) aa, y = (byte[]) ba;
        Rows.run(loop, (n, p, s) -> {
          for (int i = 0; i < n; i++) o[p[3] + i * s[3]] = c[p[0] + i * s[0]] != 0 ? x[p[1] + i * s[1]] : y[p[2] + i * s[2]];
        });
      }
      default -> throw new IllegalStateException("where: unknown carrier " + oa.getClass());
    }
  }

  private static Object array(View v) { return ((CpuBuffer) v.buffer()).array(); }
}

package io.jgrad.tensor;

/** Renders tensors like PyTorch: nested brackets for up to 1000 elements, shape and dtype always. */
final class TensorFormat {
  private static final int MAX_ELEMENTS = 1000;

  private TensorFormat() {}

  static String format(Tensor t) {
    if (t.isClosed()) return "tensor(<closed>, shape=" + Shapes.str(t.shape()) + ", dtype=" + t.dtype() + ")";
    StringBuilder sb = new StringBuilder("tensor(");
    if (t.numel() <= MAX_ELEMENTS) {
      // Integers print from a long[]: int64 values beyond 2^53 would not survive a double.
      Object v = t.dtype().isFloatingPoint() ? t.toDoubleArray() : t.toLongArray();
      append(sb, v, t.shape(), 0, new int[] {0}, t.dtype());
      sb.append(", ");
    }
    sb.append("shape=").append(Shapes.str(t.shape())).append(", dtype=").append(t.dtype());
    if (!t.device().isCpu()) sb.append(", device=").append(t.device());
    return sb.append(')').toString();
  }

  private static void append(StringBuilder sb, Object v, int[] shape, int d, int[] pos, DType dtype) {
    if (d == shape.length) {
      int i = pos[0]++;
      if (dtype.isBool()) sb.append(((long[]) v)[i] != 0);
      else if (!dtype.isFloatingPoint()) sb.append(((long[]) v)[i]);
      else if (dtype == DType.FLOAT32) sb.append((float) ((double[]) v)[i]);
      else sb.append(((double[]) v)[i]);
      return;
    }
    sb.append('[');
    for (int i = 0; i < shape[d]; i++) {
      if (i > 0) sb.append(", ");
      append(sb, v, shape, d + 1, pos, dtype);
    }
    sb.append(']');
  }
}

package io.jgrad.tensor;

/** Renders tensors like PyTorch: nested brackets for up to 1000 elements, shape and dtype always. */
final class TensorFormat {
  private static final int MAX_ELEMENTS = 1000;

  private TensorFormat() {}

  static String format(Tensor t) {
    if (t.isClosed()) return "tensor(<closed>, shape=" + Shapes.str(t.shape()) + ", dtype=" + t.dtype() + ")";
    StringBuilder sb = new StringBuilder("tensor(");
    if (t.numel() <= MAX_ELEMENTS) {
      double[] v = t.toDoubleArray();
      append(sb, v, t.shape(), 0, new int[] {0}, t.dtype());
      sb.append(", ");
    }
    sb.append("shape=").append(Shapes.str(t.shape())).append(", dtype=").append(t.dtype());
    if (!t.device().isCpu()) sb.append(", device=").append(t.device());
    return sb.append(')').toString();
  }

  private static void append(StringBuilder sb, double[] v, int[] shape, int d, int[] pos, DType dtype) {
    if (d == shape.length) {
      double x = v[pos[0]++];
      if (dtype.isBool()) sb.append(x != 0);
      else if (dtype.isFloatingPoint()) sb.append(dtype == DType.FLOAT32 ? Float.toString((float) x) : Double.toString(x));
      else sb.append((long) x);
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

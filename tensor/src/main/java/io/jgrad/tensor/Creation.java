package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;
import java.lang.reflect.Array;

/** Tensor construction, host data access, dtype casts and device transfers. */
final class Creation {
  private Creation() {}

  static Tensor empty(DType dtype, int[] shape, Device device) {
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException("empty: negative size in shape " + Shapes.str(shape));
    }
    Backend b = Backends.of(device);
    int n = Shapes.numel(shape);
    Buffer buf = b.allocate(dtype, n);
    return new Tensor(b, new View(buf, dtype, shape.clone(), Shapes.contiguousStrides(shape), 0));
  }

  /** A new contiguous tensor on x's device with x's dtype or another. */
  static Tensor emptyOn(Tensor like, DType dtype, int[] shape) { return empty(dtype, shape, like.device()); }

  static Tensor full(int[] shape, double value, DType dtype, Device device) {
    checkRepresentable("full", value, dtype);
    Tensor t = empty(dtype, shape, device);
    t.backend().fill(t.layout(), value);
    return t;
  }

  /** PyTorch refuses fill values an integer dtype cannot hold (fractions truncate toward zero). */
  static void checkRepresentable(String op, double value, DType dtype) {
    boolean ok = switch (dtype) {
      case INT32 -> value > -2147483649.0 && value < 2147483648.0;
      case INT64 -> value >= -0x1p63 && value < 0x1p63;
      default -> true;
    };
    if (!ok) {
      throw new IllegalArgumentException(op + ": value " + value + " cannot be converted to " + dtype + " without overflow");
    }
  }

  /** A view sharing base's buffer (retained). */
  static Tensor viewOf(Tensor base, int[] shape, int[] strides, int offset) {
    View v = base.layout();
    v.buffer().retain();
    return new Tensor(base.backend(), v.with(shape, strides, offset));
  }

  static Tensor fromArray(Object array, int[] shape) {
    DType dtype = dtypeOf(array);
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException("fromArray: negative size in shape " + Shapes.str(shape));
    }
    int n = Shapes.numel(shape);
    if (Array.getLength(array) != n) {
      throw new IllegalArgumentException("fromArray: " + Array.getLength(array) + " values cannot fill shape "
          + Shapes.str(shape) + " (" + n + " elements)");
    }
    Buffer buf = CpuBackend.INSTANCE.wrap(dtype, array);
    return new Tensor(CpuBackend.INSTANCE, new View(buf, dtype, shape.clone(), Shapes.contiguousStrides(shape), 0));
  }

  static Object copyOf(Object array) {
    dtypeOf(array);
    int n = Array.getLength(array);
    Object c = Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, c, 0, n);
    return c;
  }

  static DType dtypeOf(Object array) {
    if (array == null) throw new IllegalArgumentException("fromArray: array is null");
    for (DType t : DType.values()) if (t.carrier() == array.getClass()) return t;
    throw new IllegalArgumentException("fromArray: unsupported array type " + array.getClass().getSimpleName()
        + ": expected float[], double[], int[], long[] or byte[] (bool)");
  }

  /** A 2-D tensor from rows of equal length: float[][], double[][], long[][], int[][] or boolean[][] (BOOL). */
  static Tensor ofRows(Object[] rows) {
    Class<?> row = rows.getClass().getComponentType();
    boolean bool = row == boolean[].class;
    int cols = rows.length == 0 ? 0 : Array.getLength(rows[0]);
    Object data = Array.newInstance(bool ? byte.class : row.getComponentType(), rows.length * cols);
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null) throw new IllegalArgumentException("of: row " + r + " is null");
      if (Array.getLength(rows[r]) != cols) {
        throw new IllegalArgumentException("of: row " + r + " has " + Array.getLength(rows[r]) + " values, row 0 has " + cols);
      }
      if (!bool) System.arraycopy(rows[r], 0, data, r * cols, cols);
      else for (int c = 0; c < cols; c++) ((byte[]) data)[r * cols + c] = (byte) (((boolean[]) rows[r])[c] ? 1 : 0);
    }
    return fromArray(data, new int[] {rows.length, cols});
  }

  static Tensor fromBooleans(boolean[] values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) (values[i] ? 1 : 0);
    return fromArray(b, new int[] {values.length});
  }

  /**
   * torch.arange: ceil((end - start) / step) values start + i*step. A null dtype means INT64
   * when start, end and step are all integral, else the default float. With an integer dtype
   * start, end and step are first truncated toward zero, as torch does for int64.
   */
  static Tensor arange(double start, double end, double step, DType dtype) {
    if (!Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
      throw new IllegalArgumentException("arange: start, end and step must be finite, got " + start + ", " + end
          + ", " + step);
    }
    if (dtype == null) {
      boolean integral = start == Math.rint(start) && end == Math.rint(end) && step == Math.rint(step);
      dtype = integral ? DType.INT64 : DType.defaultFloat();
    }
    if (!dtype.isFloatingPoint()) return arangeIntegral((long) start, (long) end, (long) step, dtype);
    if (step == 0) throw new IllegalArgumentException("arange: step must be nonzero");
    checkDirection(start, end, step);
    double[] v = new double[Math.toIntExact((long) Math.ceil((end - start) / step))];
    for (int i = 0; i < v.length; i++) v[i] = start + i * step;
    return fromDoubles(v, dtype);
  }

  private static Tensor arangeIntegral(long start, long end, long step, DType dtype) {
    if (step == 0) throw new IllegalArgumentException("arange: step must be nonzero");
    checkDirection(start, end, step);
    long span = end - start;
    long n = span / step + (span % step != 0 ? 1 : 0);
    long[] v = new long[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) v[i] = start + i * step;
    Tensor t = fromArray(v, new int[] {v.length});
    if (dtype == DType.INT64) return t;
    try (t) {
      return t.to(dtype);
    }
  }

  private static void checkDirection(double start, double end, double step) {
    if (end != start && (end > start) != (step > 0)) {
      throw new IllegalArgumentException("arange: upper bound and step are inconsistent: start=" + start
          + " end=" + end + " step=" + step);
    }
  }

  static Tensor linspace(double start, double end, int steps, DType dtype) {
    if (steps < 0) throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
    double[] v = new double[steps];
    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
    // PyTorch fills the second half from the end so both endpoints are exact.
    int half = steps / 2;
    for (int i = 0; i < steps; i++) v[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
    if (steps == 1) v[0] = start;
    return fromDoubles(v, dtype);
  }

  /** A 1-D tensor of dtype from computed values; the float64 staging tensor is closed. */
  private static Tensor fromDoubles(double[] v, DType dtype) {
    if (dtype == DType.FLOAT64) return fromArray(v, new int[] {v.length});
    try (Tensor staged = fromArray(v, new int[] {v.length})) {
      return staged.to(dtype);
    }
  }

  static Tensor eye(int n, int m, DType dtype) {
    if (n < 0 || m < 0) throw new IllegalArgumentException("eye: sizes must be non-negative, got " + n + " x " + m);
    Tensor t = full(new int[] {n, m}, 0, dtype, Device.CPU);
    int diag = Math.min(n, m);
    if (diag > 0) {
      Tensor d = viewOf(t, new int[] {diag}, new int[] {m + 1}, 0);
      t.backend().fill(d.layout(), 1);
      d.close();
    }
    return t;
  }

  static double item(Tensor t) {
    if (t.numel() != 1) {
      throw new IllegalArgumentException("item: a tensor with " + t.numel() + " elements " + Shapes.str(t.shape())
          + " cannot be converted to a scalar");
    }
    return ((double[]) download(t, DType.FLOAT64))[0];
  }

  static double get(Tensor t, int[] index) {
    int[] shape = t.shape();
    if (index.length != shape.length) {
      throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + shape.length);
    }
    int off = t.offset();
    int[] st = t.strides();
    for (int d = 0; d < index.length; d++) {
      int i = index[d] < 0 ? index[d] + shape[d] : index[d];
      if (i < 0 || i >= shape[d]) {
        throw new IllegalArgumentException("get: index " + index[d] + " out of range for dim " + d + " of size " + shape[d]);
      }
      off += i * st[d];
    }
    View v = t.layout();
    View one = v.with(new int[0], new int[0], off);
    Object a = t.backend().download(one);
    return Array.getDouble(a instanceof byte[] b ? new int[] {b[0]} : a, 0);
  }

  /** The elements as a carrier array of {@code as}, converted as by a cast. */
  static Object download(Tensor t, DType as) {
    if (t.dtype() == as) return t.backend().download(t.layout());
    try (Tensor c = cast(t, as)) {
      return c.backend().download(c.layout());
    }
  }

  static boolean[] toBooleans(Tensor t) {
    byte[] b = (byte[]) download(t, DType.BOOL);
    boolean[] out = new boolean[b.length];
    for (int i = 0; i < b.length; i++) out[i] = b[i] != 0;
    return out;
  }

  static Tensor cast(Tensor t, DType dtype) {
    if (t.dtype() == dtype) return viewOf(t, t.shape(), t.strides(), t.offset());
    Tensor out = empty(dtype, t.shape(), t.device());
    t.backend().copy(t.layout(), out.layout());
    return out;
  }

  static Tensor copy(Tensor t) {
    Tensor out = empty(t.dtype(), t.shape(), t.device());
    t.backend().copy(t.layout(), out.layout());
    return out;
  }

  static void moveInPlace(Tensor t, Device device) {
    if (!t.isLeaf()) {
      throw new IllegalArgumentException("toInPlace: only a leaf tensor can move in place, got one produced by "
          + t.gradFn().name() + "; use to(device)");
    }
    Tensor g = t.grad();
    if (g != null && g != t) moveInPlaceOrReplace(t, g, device);
    if (t.device().equals(device)) return;
    Object host = t.backend().download(t.layout());
    Backend b = Backends.of(device);
    Buffer buf = b.upload(t.dtype(), host);
    t.replaceStorage(b, new View(buf, t.dtype(), t.shape(), Shapes.contiguousStrides(t.shape()), 0));
  }

  /** A leaf gradient moves in place; a non-leaf one (create-graph backward) is replaced by a detached copy. */
  private static void moveInPlaceOrReplace(Tensor t, Tensor g, Device device) {
    if (g.device().equals(device)) return;
    if (g.isLeaf()) {
      moveInPlace(g, device);
    } else {
      t.setGrad(TensorScope.untracked(() -> toDevice(g, device)));
    }
  }

  static Tensor toDevice(Tensor t, Device device) {
    if (t.device().equals(device)) return viewOf(t, t.shape(), t.strides(), t.offset());
    Object host = t.backend().download(t.layout());
    Backend b = Backends.of(device);
    Buffer buf = b.upload(t.dtype(), host);
    return new Tensor(b, new View(buf, t.dtype(), t.shape(), Shapes.contiguousStrides(t.shape()), 0));
  }
}

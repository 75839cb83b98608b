package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;

/**
 * The CPU backend: Java arrays, a scalar reference for every kernel and Vector API twins for
 * the hot ones. {@code -Djgrad.cpu.scalar=true} forces the scalar kernels everywhere
 * ({@link #SCALAR_ONLY}); differential tests flip {@link #forceScalar} per call.
 */
public final class CpuBackend implements Backend {
  public static final CpuBackend INSTANCE = new CpuBackend();

  /**
   * Set by {@code -Djgrad.cpu.scalar=true}, or when the Vector API module is not enabled
   * ({@link VectorSupport#AVAILABLE}): every kernel takes its scalar path.
   */
  public static final boolean SCALAR_ONLY = Boolean.getBoolean("jgrad.cpu.scalar") || !VectorSupport.AVAILABLE;

  private static final ThreadLocal<Boolean> FORCE_SCALAR = ThreadLocal.withInitial(() -> SCALAR_ONLY);

  private CpuBackend() {}

  /** True when kernels on this thread must take their scalar path. */
  public static boolean scalarOnly() { return FORCE_SCALAR.get(); }

  /** Forces (or stops forcing) the scalar kernels on this thread; for differential tests. */
  public static void forceScalar(boolean on) { FORCE_SCALAR.set(on || SCALAR_ONLY); }

  @Override public String name() { return "cpu"; }

  @Override public Device device() { return Device.CPU; }

  @Override
  public Buffer allocate(DType dtype, int elements) {
    if (elements < 0) throw new IllegalArgumentException("cannot allocate " + elements + " elements");
    return new CpuBuffer(dtype, CpuPool.take(dtype, elements), true);
  }

  /** Wraps an array without copying; the array is shared with the caller and never pooled. */
  public Buffer wrap(DType dtype, Object array) {
    if (array.getClass() != dtype.carrier()) {
      throw new IllegalArgumentException("a " + dtype + " buffer needs a " + dtype.carrier().getSimpleName()
          + ", got " + array.getClass().getSimpleName());
    }
    return new CpuBuffer(dtype, array);
  }

  @Override
  public Buffer upload(DType dtype, Object hostArray) {
    if (hostArray.getClass() != dtype.carrier()) {
      throw new IllegalArgumentException("upload: a " + dtype + " buffer needs a " + dtype.carrier().getSimpleName()
          + ", got " + hostArray.getClass().getSimpleName());
    }
    int n = java.lang.reflect.Array.getLength(hostArray);
    Object copy = CpuPool.take(dtype, n);
    System.arraycopy(hostArray, 0, copy, 0, n);
    return new CpuBuffer(dtype, copy, true);
  }

  @Override
  public Object download(View src) {
    int n = Math.toIntExact(src.numel());
    Object out = CpuPool.newArray(src.dtype(), n);
    CpuBuffer tmp = new CpuBuffer(src.dtype(), out);
    Pins.pin("download", null, own("download", src));
    try {
      CpuCopy.copy(src, new View(tmp, src.dtype(), src.shape(), contiguousStrides(src.shape()), 0));
    } finally {
      Pins.unpin(src);
    }
    return out;
  }

  // Every kernel below runs with the buffers it reads, and the existing tensors it writes (copy,
  // fill, scatter, col2im, random targets), pinned (Pins): a tensor closed by another thread
  // mid-kernel keeps its memory until the kernel returns; one closed before is refused. An
  // output the op allocated itself is only checked, since no other thread has seen it yet
  // (in-place ops pass self as an input too, so it is pinned).

  @Override
  public void copy(View src, View dst) {
    Pins.pin("copy", null, own("copy", src), own("copy", dst));
    try {
      CpuCopy.copy(src, dst);
    } finally {
      Pins.unpin(src, dst);
    }
  }

  @Override
  public void fill(View dst, double value) {
    Pins.pin("fill", null, own("fill", dst));
    try {
      CpuCopy.fill(dst, value);
    } finally {
      Pins.unpin(dst);
    }
  }

  @Override
  public void unary(UnaryOp op, View x, View out, double... args) {
    Pins.live("unary", op, own("unary", out));
    Pins.pin("unary", op, own("unary", x));
    try {
      CpuUnary.run(op, x, out, args);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void binary(BinaryOp op, View a, View b, View out) {
    Pins.live("binary", op, own("binary", out));
    Pins.pin("binary", op, own("binary", a), own("binary", b));
    try {
      CpuBinary.run(op, a, b, out);
    } finally {
      Pins.unpin(a, b);
    }
  }

  @Override
  public void where(View cond, View a, View b, View out) {
    Pins.live("where", null, own("where", out));
    Pins.pin("where", null, own("where", cond), own("where", a), own("where", b));
    try {
      CpuBinary.where(cond, a, b, out);
    } finally {
      Pins.unpin(cond, a, b);
    }
  }

  @Override
  public void reduce(ReduceOp op, View x, int[] axes, View out) {
    Pins.live("reduce", op, own("reduce", out));
    Pins.pin("reduce", op, own("reduce", x));
    try {
      CpuReduce.reduce(op, x, axes, out);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    Pins.live("argReduce", op, own("argReduce", values));
    Pins.live("argReduce", op, own("argReduce", indices));
    Pins.pin("argReduce", op, own("argReduce", x));
    try {
      CpuReduce.argReduce(op, x, axis, values, indices);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void scan(ScanOp op, View x, int axis, View out) {
    Pins.live("scan", op, own("scan", out));
    Pins.pin("scan", op, own("scan", x));
    try {
      CpuScan.scan(op, x, axis, out);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void softmax(View x, int axis, boolean log, View out) {
    Pins.live("softmax", null, own("softmax", out));
    Pins.pin("softmax", null, own("softmax", x));
    try {
      CpuSoftmax.softmax(x, axis, log, out);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void matmul(View a, View b, View out) {
    Pins.live("matmul", null, own("matmul", out));
    Pins.pin("matmul", null, own("matmul", a), own("matmul", b));
    try {
      CpuMatmul.matmul(a, b, out);
    } finally {
      Pins.unpin(a, b);
    }
  }

  @Override
  public void gather(View x, int axis, View index, View out) {
    Pins.live("gather", null, own("gather", out));
    Pins.pin("gather", null, own("gather", x), own("gather", index));
    try {
      CpuIndex.gather(x, axis, index, out);
    } finally {
      Pins.unpin(x, index);
    }
  }

  @Override
  public void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    Pins.pin("scatter", null, own("scatter", src), own("scatter", index), own("scatter", target));
    try {
      CpuIndex.scatter(mode, src, axis, index, target);
    } finally {
      Pins.unpin(src, index, target);
    }
  }

  @Override
  public void sort(View x, int axis, boolean descending, View values, View indices) {
    Pins.live("sort", null, own("sort", values));
    Pins.live("sort", null, own("sort", indices));
    Pins.pin("sort", null, own("sort", x));
    try {
      CpuSort.sort(x, axis, descending, values, indices);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public Buffer nonzero(View x) {
    Pins.pin("nonzero", null, own("nonzero", x));
    try {
      return CpuIndex.nonzero(x);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void im2col(View x, Window2d w, View cols) {
    Pins.live("im2col", null, own("im2col", cols));
    Pins.pin("im2col", null, own("im2col", x));
    try {
      CpuConv.im2col(x, w, cols);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void col2im(View cols, Window2d w, View x) {
    Pins.pin("col2im", null, own("col2im", cols), own("col2im", x));
    try {
      CpuConv.col2im(cols, w, x);
    } finally {
      Pins.unpin(cols, x);
    }
  }

  @Override
  public void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    Pins.live("pool2d", null, own("pool2d", out));
    Pins.live("pool2d", null, own("pool2d", indices));
    Pins.pin("pool2d", null, own("pool2d", x));
    try {
      CpuPooling.pool2d(mode, x, w, out, indices);
    } finally {
      Pins.unpin(x);
    }
  }

  @Override
  public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    Pins.pin("random", op, own("random", out));
    try {
      CpuRandom.fill(op, out, seed, offset, a, b);
    } finally {
      Pins.unpin(out);
    }
  }

  /**
   * A view of this backend's memory; a buffer of another device (a GPU tensor passed by
   * mistake) is refused with both devices named, not left to fail as a ClassCastException.
   */
  private static View own(String op, View v) {
    if (v != null && !(v.buffer() instanceof CpuBuffer)) {
      throw new IllegalArgumentException("cpu backend: " + op + " got a buffer on " + v.buffer().device()
          + "; expected same device, got " + v.buffer().device() + " and cpu");
    }
    return v;
  }

  static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }
}

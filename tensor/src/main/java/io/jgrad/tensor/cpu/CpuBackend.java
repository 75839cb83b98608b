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
    CpuCopy.copy(own("download", src), new View(tmp, src.dtype(), src.shape(), contiguousStrides(src.shape()), 0));
    return out;
  }

  @Override public void copy(View src, View dst) { CpuCopy.copy(own("copy", src), own("copy", dst)); }

  @Override public void fill(View dst, double value) { CpuCopy.fill(own("fill", dst), value); }

  @Override public void unary(UnaryOp op, View x, View out, double... args) { CpuUnary.run(op, own("unary", x), own("unary", out), args); }

  @Override public void binary(BinaryOp op, View a, View b, View out) { CpuBinary.run(op, own("binary", a), own("binary", b), own("binary", out)); }

  @Override public void where(View cond, View a, View b, View out) { CpuBinary.where(own("where", cond), own("where", a), own("where", b), own("where", out)); }

  @Override public void reduce(ReduceOp op, View x, int[] axes, View out) { CpuReduce.reduce(op, own("reduce", x), axes, own("reduce", out)); }

  @Override
  public void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    CpuReduce.argReduce(op, own("argReduce", x), axis, own("argReduce", values), own("argReduce", indices));
  }

  @Override public void scan(ScanOp op, View x, int axis, View out) { CpuScan.scan(op, own("scan", x), axis, own("scan", out)); }

  @Override public void softmax(View x, int axis, boolean log, View out) { CpuSoftmax.softmax(own("softmax", x), axis, log, own("softmax", out)); }

  @Override public void matmul(View a, View b, View out) { CpuMatmul.matmul(own("matmul", a), own("matmul", b), own("matmul", out)); }

  @Override public void gather(View x, int axis, View index, View out) { CpuIndex.gather(own("gather", x), axis, own("gather", index), own("gather", out)); }

  @Override
  public void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    CpuIndex.scatter(mode, own("scatter", src), axis, own("scatter", index), own("scatter", target));
  }

  @Override
  public void sort(View x, int axis, boolean descending, View values, View indices) {
    CpuSort.sort(own("sort", x), axis, descending, own("sort", values), own("sort", indices));
  }

  @Override public Buffer nonzero(View x) { return CpuIndex.nonzero(own("nonzero", x)); }

  @Override public void im2col(View x, Window2d w, View cols) { CpuConv.im2col(own("im2col", x), w, own("im2col", cols)); }

  @Override public void col2im(View cols, Window2d w, View x) { CpuConv.col2im(own("col2im", cols), w, own("col2im", x)); }

  @Override
  public void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    CpuPooling.pool2d(mode, own("pool2d", x), w, own("pool2d", out), own("pool2d", indices));
  }

  @Override
  public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    CpuRandom.fill(op, own("random", out), seed, offset, a, b);
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

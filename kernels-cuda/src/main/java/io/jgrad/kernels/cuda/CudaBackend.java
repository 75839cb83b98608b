package io.jgrad.kernels.cuda;

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
import java.lang.reflect.Array;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The CUDA backend of one device. Kernels are queued asynchronously on the device's stream;
 * {@link #download} and {@link #synchronize} wait. Calls are serialized (one lock per device) and
 * make the primary context current on the calling thread first, so tensors may be used from any
 * thread. Scatter-add uses atomics unless {@link #deterministic(boolean)} (or
 * {@code -Djgrad.cuda.deterministic=true}) selects the serial-per-line kernel, which reproduces the
 * CPU's summation order; {@code -Djgrad.cuda.tf32=true} sends float32 matmul to TF32 tensor cores.
 */
public final class CudaBackend implements Backend {
  final CudaContext ctx;
  final CudaAllocator allocator;
  private final Device device;
  private final CudaElementwise elementwise;
  private final CudaReductions reductions;
  private final CudaIndexing indexing;
  private final CudaLinalg linalg;
  volatile boolean deterministic = Boolean.getBoolean("jgrad.cuda.deterministic");
  volatile boolean tf32 = Boolean.getBoolean("jgrad.cuda.tf32");

  CudaBackend(int ordinal) { this(new CudaContext(ordinal)); }

  /** On a given context; a recording context makes a backend that needs no GPU (tests). */
  CudaBackend(CudaContext ctx) {
    this.device = Device.cuda(ctx.ordinal);
    this.ctx = ctx;
    this.allocator = new CudaAllocator(ctx);
    this.elementwise = new CudaElementwise(this);
    this.reductions = new CudaReductions(this);
    this.indexing = new CudaIndexing(this);
    this.linalg = new CudaLinalg(this);
  }

  @Override public String name() { return device.toString(); }

  @Override public Device device() { return device; }

  /** The GPU's name as the driver reports it. */
  public String deviceName() { return ctx.deviceName; }

  /** Serial, CPU-order scatter-add (true) or atomics (false, faster, order-dependent rounding). */
  public void deterministic(boolean on) { deterministic = on; }

  /** TF32 tensor cores for float32 matmul (10-bit mantissa products; off by default). */
  public void tf32(boolean on) { tf32 = on; }

  /** Returns cached device memory to the driver. */
  public synchronized void emptyCache() {
    ctx.makeCurrent();
    allocator.emptyCache();
  }

  /** Bytes held by live buffers / by the allocator's cache. */
  public long liveBytes() { return allocator.liveBytes(); }

  public long cachedBytes() { return allocator.cachedBytes(); }

  /** Number of cuMemAlloc calls so far (the cache makes repeated same-size ops allocate nothing). */
  public long driverAllocations() { return allocator.driverAllocations(); }

  @Override
  public synchronized Buffer allocate(DType dtype, int elements) {
    if (elements < 0) throw new IllegalArgumentException("cannot allocate " + elements + " elements");
    ctx.makeCurrent();
    return new CudaBuffer(dtype, elements, device, allocator);
  }

  @Override
  public synchronized Buffer upload(DType dtype, Object hostArray) {
    if (hostArray.getClass() != dtype.carrier()) {
      throw new IllegalArgumentException("upload: a " + dtype + " buffer needs a " + dtype.carrier().getSimpleName()
          + ", got " + hostArray.getClass().getSimpleName());
    }
    int n = Array.getLength(hostArray);
    CudaBuffer b = (CudaBuffer) allocate(dtype, n);
    if (n > 0) ctx.toDevice(b.ptr(), hostArray, ctx.recording() ? null : host(hostArray), b.bytes());
    return b;
  }

  @Override
  public synchronized Object download(View src) {
    ctx.makeCurrent();
    int n = Math.toIntExact(src.numel());
    Object out = Array.newInstance(src.dtype().carrier().componentType(), n);
    if (n == 0 || (ctx.recording() && !ctx.recorder().hasMemory())) return out;
    long es = src.dtype().byteSize();
    Pointer hostOut = ctx.recording() ? null : host(out);
    if (src.isContiguous()) {
      ctx.toHost(out, hostOut, ptr(src).withByteOffset(src.offset() * es), n * es);
      return out;
    }
    CudaBuffer tmp = (CudaBuffer) allocate(src.dtype(), n);
    try {
      elementwise.copy(src, new View(tmp, src.dtype(), src.shape(), contiguousStrides(src.shape()), 0));
      ctx.toHost(out, hostOut, tmp.ptr(), n * es);
    } finally {
      tmp.release();
    }
    return out;
  }

  private static Pointer host(Object array) {
    return switch (array) {
      case float[] a -> Pointer.to(a);
      case double[] a -> Pointer.to(a);
      case int[] a -> Pointer.to(a);
      case long[] a -> Pointer.to(a);
      case byte[] a -> Pointer.to(a);
      default -> throw new IllegalArgumentException("not a carrier array: " + array.getClass());
    };
  }

  @Override
  public synchronized void copy(View src, View dst) {
    ctx.makeCurrent();
    elementwise.copy(src, dst);
  }

  @Override
  public synchronized void fill(View dst, double value) {
    ctx.makeCurrent();
    elementwise.fill(dst, value);
  }

  @Override
  public synchronized void unary(UnaryOp op, View x, View out, double... args) {
    ctx.makeCurrent();
    elementwise.unary(op, x, out, args);
  }

  @Override
  public synchronized void binary(BinaryOp op, View a, View b, View out) {
    ctx.makeCurrent();
    elementwise.binary(op, a, b, out);
  }

  @Override
  public synchronized void where(View cond, View a, View b, View out) {
    ctx.makeCurrent();
    elementwise.where(cond, a, b, out);
  }

  @Override
  public synchronized void reduce(ReduceOp op, View x, int[] axes, View out) {
    ctx.makeCurrent();
    reductions.reduce(op, x, axes, out);
  }

  @Override
  public synchronized void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    ctx.makeCurrent();
    reductions.argReduce(op, x, axis, values, indices);
  }

  @Override
  public synchronized void scan(ScanOp op, View x, int axis, View out) {
    ctx.makeCurrent();
    reductions.scan(op, x, axis, out);
  }

  @Override
  public synchronized void softmax(View x, int axis, boolean log, View out) {
    ctx.makeCurrent();
    reductions.softmax(x, axis, log, out);
  }

  @Override
  public synchronized void matmul(View a, View bm, View out) {
    ctx.makeCurrent();
    linalg.matmul(a, bm, out);
  }

  @Override
  public synchronized void gather(View x, int axis, View index, View out) {
    ctx.makeCurrent();
    indexing.gather(x, axis, index, out);
  }

  @Override
  public synchronized void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    ctx.makeCurrent();
    indexing.scatter(mode, src, axis, index, target);
  }

  @Override
  public synchronized void sort(View x, int axis, boolean descending, View values, View indices) {
    ctx.makeCurrent();
    indexing.sort(x, axis, descending, values, indices);
  }

  @Override
  public synchronized Buffer nonzero(View x) {
    ctx.makeCurrent();
    return indexing.nonzero(x);
  }

  @Override
  public synchronized void im2col(View x, Window2d w, View cols) {
    ctx.makeCurrent();
    linalg.im2col(x, w, cols);
  }

  @Override
  public synchronized void col2im(View cols, Window2d w, View x) {
    ctx.makeCurrent();
    linalg.col2im(cols, w, x);
  }

  @Override
  public synchronized void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    ctx.makeCurrent();
    linalg.pool2d(mode, x, w, out, indices);
  }

  @Override
  public synchronized void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    ctx.makeCurrent();
    elementwise.random(op, out, seed, offset, a, b);
  }

  @Override
  public synchronized void synchronize() {
    ctx.makeCurrent();
    ctx.synchronize();
  }

  /** The device pointer of a view's buffer; a clear error for a buffer of another device. */
  CUdeviceptr ptr(View v) {
    if (!(v.buffer() instanceof CudaBuffer b) || !b.device().equals(device)) {
      throw new IllegalArgumentException("expected same device, got " + device + " and " + v.buffer().device());
    }
    return b.ptr();
  }

  /** Pointer to element {@code offset} of the view's buffer. */
  CUdeviceptr at(View v) { return ptr(v).withByteOffset((long) v.offset() * v.dtype().byteSize()); }

  static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }

  static View asVector(View v) { return v.rank() == 0 ? v.with(new int[] {1}, new int[] {1}, v.offset()) : v; }
}

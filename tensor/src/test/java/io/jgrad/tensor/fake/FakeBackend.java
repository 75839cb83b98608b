package io.jgrad.tensor.fake;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only device, {@code fake:0}, that computes with the CPU kernels but owns its buffers
 * ({@link FakeBuffer}): every kernel call refuses a view whose buffer is not a FakeBuffer, so a
 * layer, loss or optimizer that mixes host and device tensors fails here as it would on a GPU.
 * Results equal the CPU's exactly (same kernels). Uploads and downloads (the only host/device
 * transfers: {@code to(device)}, {@code item()}, {@code toFloatArray()}, ...) are counted so
 * tests can assert that a training step transfers nothing but its batch.
 */
public final class FakeBackend implements Backend {
  public static final Device DEVICE = new Device("fake", 0);
  static final FakeBackend INSTANCE = new FakeBackend();

  private static final AtomicLong UPLOADS = new AtomicLong();
  private static final AtomicLong DOWNLOADS = new AtomicLong();

  /** {@code -Djgrad.fake.trace=true} prints where each download comes from (to hunt hidden read-backs). */
  private static final boolean TRACE = Boolean.getBoolean("jgrad.fake.trace");

  private final Backend cpu = Backends.cpu();

  private FakeBackend() {}

  /** Host-to-device copies so far (every {@link #upload}). */
  public static long uploads() { return UPLOADS.get(); }

  /** Device-to-host copies so far (every {@link #download}). */
  public static long downloads() { return DOWNLOADS.get(); }

  @Override public String name() { return DEVICE.toString(); }

  @Override public Device device() { return DEVICE; }

  @Override public Buffer allocate(DType dtype, int elements) { return new FakeBuffer(cpu.allocate(dtype, elements)); }

  @Override
  public Buffer upload(DType dtype, Object hostArray) {
    UPLOADS.incrementAndGet();
    return new FakeBuffer(cpu.upload(dtype, hostArray));
  }

  @Override
  public Object download(View src) {
    DOWNLOADS.incrementAndGet();
    if (TRACE) new Throwable("fake backend: download of " + src).printStackTrace();
    return cpu.download(in("download", src));
  }

  /** The CPU view behind a fake one; any other buffer is a host/device mix. */
  private static View in(String op, View v) {
    if (v == null) return null;
    if (!(v.buffer() instanceof FakeBuffer f)) {
      throw new IllegalArgumentException("fake backend: " + op + " got a buffer on " + v.buffer().device()
          + "; expected same device, got " + v.buffer().device() + " and " + DEVICE);
    }
    return new View(f.inner(), v.dtype(), v.shape(), v.strides(), v.offset());
  }

  @Override public void copy(View src, View dst) { cpu.copy(in("copy", src), in("copy", dst)); }

  @Override public void fill(View dst, double value) { cpu.fill(in("fill", dst), value); }

  @Override
  public void unary(UnaryOp op, View x, View out, double... args) { cpu.unary(op, in("unary", x), in("unary", out), args); }

  @Override
  public void binary(BinaryOp op, View a, View b, View out) {
    cpu.binary(op, in("binary", a), in("binary", b), in("binary", out));
  }

  @Override
  public void where(View cond, View a, View b, View out) {
    cpu.where(in("where", cond), in("where", a), in("where", b), in("where", out));
  }

  @Override
  public void reduce(ReduceOp op, View x, int[] axes, View out) { cpu.reduce(op, in("reduce", x), axes, in("reduce", out)); }

  @Override
  public void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    cpu.argReduce(op, in("argReduce", x), axis, in("argReduce", values), in("argReduce", indices));
  }

  @Override public void scan(ScanOp op, View x, int axis, View out) { cpu.scan(op, in("scan", x), axis, in("scan", out)); }

  @Override
  public void softmax(View x, int axis, boolean log, View out) { cpu.softmax(in("softmax", x), axis, log, in("softmax", out)); }

  @Override public void matmul(View a, View b, View out) { cpu.matmul(in("matmul", a), in("matmul", b), in("matmul", out)); }

  @Override
  public void gather(View x, int axis, View index, View out) {
    cpu.gather(in("gather", x), axis, in("gather", index), in("gather", out));
  }

  @Override
  public void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    cpu.scatter(mode, in("scatter", src), axis, in("scatter", index), in("scatter", target));
  }

  @Override
  public void sort(View x, int axis, boolean descending, View values, View indices) {
    cpu.sort(in("sort", x), axis, descending, in("sort", values), in("sort", indices));
  }

  @Override public Buffer nonzero(View x) { return new FakeBuffer(cpu.nonzero(in("nonzero", x))); }

  @Override public void im2col(View x, Window2d w, View cols) { cpu.im2col(in("im2col", x), w, in("im2col", cols)); }

  @Override public void col2im(View cols, Window2d w, View x) { cpu.col2im(in("col2im", cols), w, in("col2im", x)); }

  @Override
  public void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    cpu.pool2d(mode, in("pool2d", x), w, in("pool2d", out), in("pool2d", indices));
  }

  @Override
  public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    cpu.random(op, in("random", out), seed, offset, a, b);
  }
}

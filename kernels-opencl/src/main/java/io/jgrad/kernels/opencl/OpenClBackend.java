package io.jgrad.kernels.opencl;

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
 * The backend SPI on one OpenCL device: each family of ops is a small class with its kernel
 * file (copy.cl, unary.cl, binary.cl, reduce.cl, scan.cl, softmax.cl, matmul.cl, ...). Views
 * reach kernels as {@code view_t} arguments (KERNELS.md), so any strides work.
 */
public final class OpenClBackend implements Backend {
  private final ClContext ctx;
  private final ClCopy copy;
  private final ClElementwise elementwise;
  private final ClReduce reduce;
  private final ClScan scan;
  private final ClMatmul matmul;
  private final ClConv conv;
  private final ClIndexing indexing;
  private final ClSort sort;
  private final ClRandom random;

  OpenClBackend(ClContext ctx) {
    this.ctx = ctx;
    this.copy = new ClCopy(ctx);
    this.elementwise = new ClElementwise(ctx);
    this.reduce = new ClReduce(ctx);
    this.scan = new ClScan(ctx);
    this.matmul = new ClMatmul(ctx);
    this.conv = new ClConv(ctx);
    this.indexing = new ClIndexing(ctx);
    this.sort = new ClSort(ctx);
    this.random = new ClRandom(ctx);
  }

  /** The device's context (allocator, program cache, launcher). */
  public ClContext context() { return ctx; }

  @Override public String name() { return ctx.device().toString(); }

  @Override public Device device() { return ctx.device(); }

  @Override
  public Buffer allocate(DType dtype, int elements) {
    ctx.requireDtype(dtype, "allocate");
    return ctx.allocate(dtype, elements);
  }

  @Override public Buffer upload(DType dtype, Object hostArray) { return copy.upload(dtype, hostArray); }

  @Override public Object download(View src) { return copy.download(src); }

  @Override public void copy(View src, View dst) { copy.copy(src, dst); }

  @Override public void fill(View dst, double value) { copy.fill(dst, value); }

  @Override public void unary(UnaryOp op, View x, View out, double... args) { elementwise.unary(op, x, out, args); }

  @Override public void binary(BinaryOp op, View a, View b, View out) { elementwise.binary(op, a, b, out); }

  @Override public void where(View cond, View a, View b, View out) { elementwise.where(cond, a, b, out); }

  @Override public void reduce(ReduceOp op, View x, int[] axes, View out) { reduce.reduce(op, x, axes, out); }

  @Override
  public void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    reduce.argReduce(op, x, axis, values, indices);
  }

  @Override public void scan(ScanOp op, View x, int axis, View out) { scan.scan(op, x, axis, out); }

  @Override public void softmax(View x, int axis, boolean log, View out) { scan.softmax(x, axis, log, out); }

  @Override public void matmul(View a, View b, View out) { matmul.matmul(a, b, out); }

  @Override public void gather(View x, int axis, View index, View out) { indexing.gather(x, axis, index, out); }

  @Override
  public void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    indexing.scatter(mode, src, axis, index, target);
  }

  @Override
  public void sort(View x, int axis, boolean descending, View values, View indices) {
    sort.sort(x, axis, descending, values, indices);
  }

  @Override public Buffer nonzero(View x) { return indexing.nonzero(x); }

  @Override public void im2col(View x, Window2d w, View cols) { conv.im2col(x, w, cols); }

  @Override public void col2im(View cols, Window2d w, View x) { conv.col2im(cols, w, x); }

  @Override
  public void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    conv.pool2d(mode, x, w, out, indices);
  }

  @Override
  public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    random.random(op, out, seed, offset, a, b);
  }

  @Override public void synchronize() { ctx.finish(); }

  @Override public String toString() { return "OpenClBackend[" + name() + "]"; }
}

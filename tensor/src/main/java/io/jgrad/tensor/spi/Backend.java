package io.jgrad.tensor.spi;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;

/**
 * The only way ops reach memory. A backend owns buffers on one device and runs kernels on
 * views of them; the tensor layer has already checked shapes, broadcast inputs (stride-0
 * views) and chosen dtypes, so a kernel only computes. Outputs are always written, never
 * read (except {@link #scatter}, which updates its target, and {@link #col2im}, which
 * accumulates). Inputs are never modified.
 *
 * <p>Room is left for dense linear algebra (svd, eigh, qr, ...) and the FFT: they will be
 * added as further methods with default implementations that throw
 * {@link UnsupportedOperationException}, so existing backends keep compiling.
 */
public interface Backend extends AutoCloseable {
  /** "cpu", "cuda:0", "opencl:0". */
  String name();

  Device device();

  /** Uninitialised memory for {@code elements} elements (may come from a pool). */
  Buffer allocate(DType dtype, int elements);

  /** A new buffer holding a copy of {@code hostArray} (the dtype's carrier array). */
  Buffer upload(DType dtype, Object hostArray);

  /** The view's elements in row-major order, as a new carrier array of its dtype. */
  Object download(View src);

  /** {@code dst[i] = cast(src[i])}: same shape, any strides, any dtypes (float to int truncates). */
  void copy(View src, View dst);

  /** Every element of {@code dst} set to {@code value} cast to its dtype. */
  void fill(View dst, double value);

  /** {@code out[i] = op(x[i], args...)}; see {@link UnaryOp} for the parameters. */
  void unary(UnaryOp op, View x, View out, double... args);

  /** {@code out[i] = op(a[i], b[i])}; a, b and out share one shape, a and b one dtype. */
  void binary(BinaryOp op, View a, View b, View out);

  /** {@code out[i] = cond[i] ? a[i] : b[i]}; cond is BOOL, a/b/out share a dtype. */
  void where(View cond, View a, View b, View out);

  /** Reduces {@code axes} of x into out, whose shape is x's with those axes set to 1. */
  void reduce(ReduceOp op, View x, int[] axes, View out);

  /**
   * MAX or MIN along one axis with the index (INT64) of the first extreme element; NaN counts
   * as the extreme. values/indices have x's shape with {@code axis} set to 1.
   */
  void argReduce(ReduceOp op, View x, int axis, View values, View indices);

  /** Inclusive scan along {@code axis}; out has x's shape. */
  void scan(ScanOp op, View x, int axis, View out);

  /** Numerically stable (log-)softmax along {@code axis}. */
  void softmax(View x, int axis, boolean log, View out);

  /** Batched {@code out[b] = a[b] @ bm[b]}: a [B,M,K], bm [B,K,N], out [B,M,N]; any strides. */
  void matmul(View a, View bm, View out);

  /** {@code out[...i_axis...] = x[... index[...] ...]}; index is INT64 of out's shape, already checked. */
  void gather(View x, int axis, View index, View out);

  /**
   * {@code target[... index[...] ...] (=|+=) src[...]} over index's shape; index is INT64, already
   * checked. ADD accumulates repeated indices; for SET with repeated indices which write wins is
   * unspecified (the CPU keeps the last in row-major order; GPU backends may differ).
   */
  void scatter(ScatterMode mode, View src, int axis, View index, View target);

  /** Stable sort along {@code axis}; values has x's dtype, indices INT64. */
  void sort(View x, int axis, boolean descending, View values, View indices);

  /**
   * Coordinates of the nonzero elements of x, row-major order, as an INT64 buffer [count, rank].
   * Callers pass rank >= 1 views (a 0-dim input is viewed as [1] first, since count is derived
   * from the buffer length).
   */
  Buffer nonzero(View x);

  /** x [N,C,H,W] to columns [N, C*kH*kW, oH*oW] (zero padding). */
  void im2col(View x, Window2d w, View cols);

  /** Adjoint of im2col: {@code x += scatter(cols)}; x [N,C,H,W] must be zeroed by the caller. */
  void col2im(View cols, Window2d w, View x);

  /** 2-D pooling of x [N,C,H,W] into out [N,C,oH,oW]; for MAX, indices (INT64, flat h*W+w) of the chosen input. */
  void pool2d(PoolMode mode, View x, Window2d w, View out, View indices);

  /** Fills out with counter-based random numbers; see {@link RandomOp}. */
  void random(RandomOp op, View out, long seed, long offset, double a, double b);

  /** Waits for queued work (a no-op on the CPU). */
  default void synchronize() {}

  @Override
  default void close() {}
}

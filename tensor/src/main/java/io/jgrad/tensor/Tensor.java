package io.jgrad.tensor;

import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;
import java.util.List;

/**
 * An n-dimensional array on one device: a strided {@link View} of a reference-counted buffer.
 * Views ({@link #reshape}, {@link #permute}, {@link #narrow}, ...) share memory; every other op
 * returns a new tensor and never modifies its inputs, except the {@code ...InPlace} methods,
 * which modify {@code this} and return it.
 *
 * <p>Memory: {@link #close()} releases this tensor's reference; the buffer returns to its
 * backend's pool when the last tensor viewing it is closed, so hot loops can reuse memory.
 * Unclosed tensors are reclaimed by the garbage collector. Using a closed tensor throws.
 *
 * <p>Java scalars: a {@code double} argument with a whole value (2.0) counts as an integer
 * scalar for type promotion, any other value (2.5, NaN, inf) as a float scalar, since Java
 * cannot tell {@code 2} from {@code 2.0}: {@code intTensor.mul(2)} stays integral,
 * {@code intTensor.mul(2.5)} becomes float32.
 *
 * <p>This class is the public surface only: each method delegates to the op family that
 * implements it ({@code Elementwise}, {@code Reductions}, {@code Indexing}, ...).
 * Errors are {@link IllegalArgumentException}s that name the op and the offending values.
 */
public final class Tensor implements AutoCloseable {
  private final Backend backend;
  private final View view;
  private volatile boolean closed;

  /** Wraps a view; takes over one reference to its buffer (retain first when sharing). */
  Tensor(Backend backend, View view) {
    this.backend = backend;
    this.view = view;
    TensorScope.track(this);
  }

  /** A tensor over a view the caller already holds a reference for (backends, other modules). */
  public static Tensor wrap(Backend backend, View view) { return new Tensor(backend, view); }

  // ---- identity and layout ---------------------------------------------------------------

  public DType dtype() { return view.dtype(); }

  public Device device() { return backend.device(); }

  /** The backend this tensor's memory belongs to. */
  public Backend backend() { return backend; }

  /** The strided view (buffer, shape, strides, offset) for kernels; checks the tensor is live. */
  public View layout() {
    checkLive();
    return view;
  }

  /** A copy of the shape. */
  public int[] shape() { return view.shape().clone(); }

  /** Size of one dim; negative dims count from the end. */
  public int size(int dim) { return view.shape()[dimOf("size", dim)]; }

  /** A copy of the strides, in elements. */
  public int[] strides() { return view.strides().clone(); }

  public int stride(int dim) { return view.strides()[dimOf("stride", dim)]; }

  /** A dim of a tensor that has dims (a 0-dim tensor has no size(0), as in PyTorch). */
  private int dimOf(String op, int dim) {
    if (dim() == 0) throw new IllegalArgumentException(op + ": dim " + dim + " out of range for a tensor of rank 0");
    return Shapes.dim(op, dim, dim());
  }

  /** Element offset of this view in its buffer. */
  public int offset() { return view.offset(); }

  /** Number of dims (0 for a scalar). */
  public int dim() { return view.shape().length; }

  public int numel() { return (int) view.numel(); }

  public boolean isContiguous() { return view.isContiguous(); }

  /** True when both tensors view the same buffer. */
  public boolean sharesMemoryWith(Tensor other) { return view.buffer() == other.view.buffer(); }

  // ---- memory ------------------------------------------------------------------------------

  /** Releases this tensor's reference to its buffer; idempotent. */
  @Override
  public void close() {
    // Two threads closing at once must release once: a second release would free a buffer a view still uses.
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    view.buffer().release();
  }

  public boolean isClosed() { return closed; }

  void checkLive() {
    if (closed || view.buffer().isFreed()) {
      throw new IllegalStateException("tensor " + Shapes.str(view.shape()) + " " + view.dtype() + " used after close()"
          + (closed ? "" : ": its buffer was already released through another tensor"));
    }
  }

  // ---- creation (see Creation, Randoms) -------------------------------------------------------

  public static Tensor empty(DType dtype, int... shape) { return Creation.empty(dtype, shape, Device.CPU); }

  public static Tensor empty(DType dtype, Device device, int... shape) { return Creation.empty(dtype, shape, device); }

  public static Tensor zeros(int... shape) { return Creation.full(shape, 0, DType.FLOAT32, Device.CPU); }

  public static Tensor zeros(DType dtype, int... shape) { return Creation.full(shape, 0, dtype, Device.CPU); }

  public static Tensor ones(int... shape) { return Creation.full(shape, 1, DType.FLOAT32, Device.CPU); }

  public static Tensor ones(DType dtype, int... shape) { return Creation.full(shape, 1, dtype, Device.CPU); }

  public static Tensor full(int[] shape, double value, DType dtype) { return Creation.full(shape, value, dtype, Device.CPU); }

  public static Tensor full(int[] shape, double value, DType dtype, Device device) {
    return Creation.full(shape, value, dtype, device);
  }

  /** A 0-dim tensor. */
  public static Tensor scalar(double value, DType dtype) { return Creation.full(new int[0], value, dtype, Device.CPU); }

  /** [start, end) in steps of step; INT64 when all three are integral, else the default float. */
  public static Tensor arange(double start, double end, double step) { return Creation.arange(start, end, step, null); }

  public static Tensor arange(double start, double end, double step, DType dtype) {
    return Creation.arange(start, end, step, dtype);
  }

  /** 0, 1, ..., end-1 as INT64. */
  public static Tensor arange(long end) { return Creation.arange(0, end, 1, DType.INT64); }

  public static Tensor linspace(double start, double end, int steps) {
    return Creation.linspace(start, end, steps, DType.FLOAT32);
  }

  public static Tensor linspace(double start, double end, int steps, DType dtype) {
    return Creation.linspace(start, end, steps, dtype);
  }

  public static Tensor eye(int n) { return Creation.eye(n, n, DType.FLOAT32); }

  public static Tensor eye(int n, int m, DType dtype) { return Creation.eye(n, m, dtype); }

  /** A 1-D float32 tensor holding a copy of {@code values}. */
  public static Tensor of(float... values) { return Creation.fromArray(values.clone(), new int[] {values.length}); }

  /** A 2-D float32 tensor from rows of equal length. */
  public static Tensor of(float[]... rows) { return Creation.ofRows(rows); }

  public static Tensor of(double... values) { return Creation.fromArray(values.clone(), new int[] {values.length}); }

  public static Tensor of(long... values) { return Creation.fromArray(values.clone(), new int[] {values.length}); }

  public static Tensor of(int... values) { return Creation.fromArray(values.clone(), new int[] {values.length}); }

  public static Tensor of(boolean... values) { return Creation.fromBooleans(values); }

  /** A tensor of the given shape holding a copy of a carrier array (float[], double[], int[], long[], byte[] for bool). */
  public static Tensor fromArray(Object array, int... shape) { return Creation.fromArray(Creation.copyOf(array), shape); }

  public static Tensor zerosLike(Tensor t) { return Creation.full(t.shape(), 0, t.dtype(), t.device()); }

  public static Tensor onesLike(Tensor t) { return Creation.full(t.shape(), 1, t.dtype(), t.device()); }

  public static Tensor fullLike(Tensor t, double value) { return Creation.full(t.shape(), value, t.dtype(), t.device()); }

  public static Tensor emptyLike(Tensor t) { return Creation.empty(t.dtype(), t.shape(), t.device()); }

  /** Uniform [0, 1), float32. */
  public static Tensor rand(Generator g, int... shape) { return Randoms.uniform(g, shape, 0, 1, DType.FLOAT32); }

  public static Tensor rand(Generator g, DType dtype, int... shape) { return Randoms.uniform(g, shape, 0, 1, dtype); }

  /** Standard normal, float32. */
  public static Tensor randn(Generator g, int... shape) { return Randoms.normal(g, shape, 0, 1, DType.FLOAT32); }

  public static Tensor randn(Generator g, DType dtype, int... shape) { return Randoms.normal(g, shape, 0, 1, dtype); }

  /** Integers uniform in [low, high), INT64. */
  public static Tensor randint(Generator g, long low, long high, int... shape) { return Randoms.randint(g, low, high, shape); }

  /** 1 with probability p (elementwise), 0 otherwise; same dtype as p. */
  public static Tensor bernoulli(Generator g, Tensor p) { return Randoms.bernoulli(g, p); }

  /** A random permutation of 0..n-1, INT64. */
  public static Tensor randperm(Generator g, int n) { return Randoms.randperm(g, n); }

  /** Samples category indices from rows of non-negative weights (1-D or 2-D), INT64. */
  public static Tensor multinomial(Generator g, Tensor weights, int numSamples, boolean replacement) {
    return Randoms.multinomial(g, weights, numSamples, replacement);
  }

  // ---- data access ---------------------------------------------------------------------------

  /** The single element as a double; throws unless numel is 1. */
  public double item() { return Creation.item(this); }

  /** One element, as a double. */
  public double get(int... index) { return Creation.get(this, index); }

  /** Elements in row-major order converted to float. */
  public float[] toFloatArray() { return (float[]) Creation.download(this, DType.FLOAT32); }

  public double[] toDoubleArray() { return (double[]) Creation.download(this, DType.FLOAT64); }

  public int[] toIntArray() { return (int[]) Creation.download(this, DType.INT32); }

  public long[] toLongArray() { return (long[]) Creation.download(this, DType.INT64); }

  public boolean[] toBooleanArray() { return Creation.toBooleans(this); }

  /** A copy with another dtype; when the dtype already matches, a new view sharing this tensor's memory. */
  public Tensor to(DType dtype) { return Creation.cast(this, dtype); }

  /** A copy on another device; when already there, a new view sharing this tensor's memory. */
  public Tensor to(Device device) { return Creation.toDevice(this, device); }

  /** A new tensor with its own contiguous copy of the data. */
  public Tensor copy() { return Creation.copy(this); }

  /** A short rendering like PyTorch's: values for small tensors, shape and dtype always. */
  @Override
  public String toString() { return TensorFormat.format(this); }

  // ---- views (see Movement): no data is copied ----------------------------------------------

  /** Same data, new shape; one dim may be -1. Throws when the strides do not allow a view. */
  public Tensor view(int... shape) { return Movement.view(this, shape); }

  /** Like {@link #view}, but copies when a view is impossible. */
  public Tensor reshape(int... shape) { return Movement.reshape(this, shape); }

  public Tensor permute(int... dims) { return Movement.permute(this, dims); }

  public Tensor transpose(int dim0, int dim1) { return Movement.transpose(this, dim0, dim1); }

  /** Transpose of a matrix (rank 0-2), as {@code Tensor.t()}. */
  public Tensor t() { return Movement.t(this); }

  /** Moves one dim to another position. */
  public Tensor movedim(int source, int destination) { return Movement.movedim(this, source, destination); }

  /** Broadcast view to a larger shape (-1 keeps a size), stride 0 on new/expanded dims. */
  public Tensor expand(int... shape) { return Movement.expand(this, shape); }

  public Tensor expandAs(Tensor other) { return Movement.expand(this, other.shape()); }

  /** Elements [start, start+length) of one dim. */
  public Tensor narrow(int dim, int start, int length) { return Movement.narrow(this, dim, start, length); }

  /** Python's {@code x[..., start:end:step, ...]} on one dim; start/end clamp like Python's. */
  public Tensor slice(int dim, int start, int end, int step) { return Movement.slice(this, dim, start, end, step); }

  /** Removes one dim by picking index i (negative counts from the end). */
  public Tensor select(int dim, int index) { return Movement.select(this, dim, index); }

  /** Removes every size-1 dim. */
  public Tensor squeeze() { return Movement.squeeze(this); }

  /** Removes the given dim if its size is 1. */
  public Tensor squeeze(int dim) { return Movement.squeeze(this, dim); }

  public Tensor unsqueeze(int dim) { return Movement.unsqueeze(this, dim); }

  /** Merges dims startDim..endDim (a view when possible, else a copy). */
  public Tensor flatten(int startDim, int endDim) { return Movement.flatten(this, startDim, endDim); }

  public Tensor flatten() { return Movement.flatten(this, 0, -1); }

  /** Splits one dim into the given sizes (one may be -1). */
  public Tensor unflatten(int dim, int... sizes) { return Movement.unflatten(this, dim, sizes); }

  /** Sliding windows of {@code size} with {@code step} along dim, as a new last dim (a view). */
  public Tensor unfold(int dim, int size, int step) { return Movement.unfold(this, dim, size, step); }

  /** This tensor when already contiguous, else a contiguous copy. */
  public Tensor contiguous() { return Movement.contiguous(this); }

  // ---- elementwise (see Elementwise) ----------------------------------------------------------

  public Tensor neg() { return Elementwise.neg(this); }
  public Tensor abs() { return Elementwise.abs(this); }
  public Tensor sign() { return Elementwise.sign(this); }
  public Tensor exp() { return Elementwise.exp(this); }
  public Tensor expm1() { return Elementwise.expm1(this); }
  public Tensor log() { return Elementwise.log(this); }
  public Tensor log1p() { return Elementwise.log1p(this); }
  public Tensor log2() { return Elementwise.log2(this); }
  public Tensor sqrt() { return Elementwise.sqrt(this); }
  public Tensor rsqrt() { return Elementwise.rsqrt(this); }
  public Tensor reciprocal() { return Elementwise.reciprocal(this); }
  public Tensor sin() { return Elementwise.sin(this); }
  public Tensor cos() { return Elementwise.cos(this); }
  public Tensor tan() { return Elementwise.tan(this); }
  public Tensor asin() { return Elementwise.asin(this); }
  public Tensor acos() { return Elementwise.acos(this); }
  public Tensor atan() { return Elementwise.atan(this); }
  public Tensor sinh() { return Elementwise.sinh(this); }
  public Tensor cosh() { return Elementwise.cosh(this); }
  public Tensor tanh() { return Elementwise.tanh(this); }
  public Tensor sigmoid() { return Elementwise.sigmoid(this); }
  public Tensor logSigmoid() { return Elementwise.logSigmoid(this); }
  /** log(1 + exp(beta x)) / beta, linear above threshold (PyTorch defaults beta 1, threshold 20). */
  public Tensor softplus(double beta, double threshold) { return Elementwise.softplus(this, beta, threshold); }
  public Tensor softplus() { return Elementwise.softplus(this, 1, 20); }
  /** max(x, 0); relu'(0) = 0. */
  public Tensor relu() { return Elementwise.relu(this); }
  public Tensor leakyRelu(double negativeSlope) { return Elementwise.leakyRelu(this, negativeSlope); }
  public Tensor elu(double alpha) { return Elementwise.elu(this, alpha); }
  /** x * Phi(x), exact (erf) form. */
  public Tensor gelu() { return Elementwise.gelu(this, false); }
  /** GELU with PyTorch's {@code approximate='tanh'} when tanh is true. */
  public Tensor gelu(boolean tanh) { return Elementwise.gelu(this, tanh); }
  public Tensor silu() { return Elementwise.silu(this); }
  public Tensor erf() { return Elementwise.erf(this); }
  public Tensor erfc() { return Elementwise.erfc(this); }
  public Tensor floor() { return Elementwise.floor(this); }
  public Tensor ceil() { return Elementwise.ceil(this); }
  /** Rounds half to even, as PyTorch. */
  public Tensor round() { return Elementwise.round(this); }
  public Tensor trunc() { return Elementwise.trunc(this); }
  /** Clamps to [min, max]; NaN for a bound means none. */
  public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
  public Tensor clampMin(double min) { return Elementwise.clamp(this, min, Double.NaN); }
  public Tensor clampMax(double max) { return Elementwise.clamp(this, Double.NaN, max); }
  public Tensor pow(double exponent) { return Elementwise.pow(this, exponent); }
  public Tensor pow(Tensor exponent) { return Elementwise.binary(BinaryOp.POW, this, exponent); }
  public Tensor isnan() { return Elementwise.isnan(this); }
  public Tensor isinf() { return Elementwise.isinf(this); }
  public Tensor isfinite() { return Elementwise.isfinite(this); }
  /** NaN to nan, +inf to posinf, -inf to neginf (PyTorch defaults: 0, dtype max, dtype min). */
  public Tensor nanToNum(double nan, double posinf, double neginf) { return Elementwise.nanToNum(this, nan, posinf, neginf); }
  public Tensor nanToNum() { return Elementwise.nanToNum(this, 0, Double.NaN, Double.NaN); }
  public Tensor logicalNot() { return Elementwise.logicalNot(this); }

  public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }
  /** this + alpha * other. */
  public Tensor add(Tensor other, double alpha) { return Elementwise.add(this, other, alpha); }
  public Tensor add(double value) { return Elementwise.binary(BinaryOp.ADD, this, value); }
  public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUB, this, other); }
  public Tensor sub(double value) { return Elementwise.binary(BinaryOp.SUB, this, value); }
  public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MUL, this, other); }
  public Tensor mul(double value) { return Elementwise.binary(BinaryOp.MUL, this, value); }
  /** True division: integer inputs give the default float dtype. */
  public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIV, this, other); }
  public Tensor div(double value) { return Elementwise.binary(BinaryOp.DIV, this, value); }
  /** Python-style modulus: the result has the divisor's sign. */
  public Tensor remainder(Tensor other) { return Elementwise.binary(BinaryOp.REMAINDER, this, other); }
  public Tensor remainder(double value) { return Elementwise.binary(BinaryOp.REMAINDER, this, value); }
  public Tensor atan2(Tensor other) { return Elementwise.binary(BinaryOp.ATAN2, this, other); }
  /** Elementwise max; NaN propagates. */
  public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAXIMUM, this, other); }
  public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MINIMUM, this, other); }
  public Tensor eq(Tensor other) { return Elementwise.binary(BinaryOp.EQ, this, other); }
  public Tensor eq(double value) { return Elementwise.binary(BinaryOp.EQ, this, value); }
  public Tensor ne(Tensor other) { return Elementwise.binary(BinaryOp.NE, this, other); }
  public Tensor ne(double value) { return Elementwise.binary(BinaryOp.NE, this, value); }
  public Tensor lt(Tensor other) { return Elementwise.binary(BinaryOp.LT, this, other); }
  public Tensor lt(double value) { return Elementwise.binary(BinaryOp.LT, this, value); }
  public Tensor le(Tensor other) { return Elementwise.binary(BinaryOp.LE, this, other); }
  public Tensor le(double value) { return Elementwise.binary(BinaryOp.LE, this, value); }
  public Tensor gt(Tensor other) { return Elementwise.binary(BinaryOp.GT, this, other); }
  public Tensor gt(double value) { return Elementwise.binary(BinaryOp.GT, this, value); }
  public Tensor ge(Tensor other) { return Elementwise.binary(BinaryOp.GE, this, other); }
  public Tensor ge(double value) { return Elementwise.binary(BinaryOp.GE, this, value); }
  public Tensor logicalAnd(Tensor other) { return Elementwise.binary(BinaryOp.LOGICAL_AND, this, other); }
  public Tensor logicalOr(Tensor other) { return Elementwise.binary(BinaryOp.LOGICAL_OR, this, other); }
  public Tensor logicalXor(Tensor other) { return Elementwise.binary(BinaryOp.LOGICAL_XOR, this, other); }

  /** cond ? a : b with broadcasting; cond must be BOOL. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

  public static Tensor where(Tensor cond, Tensor a, double b) { return Elementwise.where(cond, a, b); }

  // ---- in place: modify this and return it -------------------------------------------------

  public Tensor addInPlace(Tensor other) { return Elementwise.inPlace(BinaryOp.ADD, this, other); }
  /** this += alpha * other (the optimizers' axpy). */
  public Tensor addInPlace(Tensor other, double alpha) { return Elementwise.addInPlace(this, other, alpha); }
  public Tensor addInPlace(double value) { return Elementwise.inPlace(BinaryOp.ADD, this, value); }
  public Tensor subInPlace(Tensor other) { return Elementwise.inPlace(BinaryOp.SUB, this, other); }
  public Tensor mulInPlace(Tensor other) { return Elementwise.inPlace(BinaryOp.MUL, this, other); }
  public Tensor mulInPlace(double value) { return Elementwise.inPlace(BinaryOp.MUL, this, value); }
  public Tensor divInPlace(Tensor other) { return Elementwise.inPlace(BinaryOp.DIV, this, other); }
  public Tensor divInPlace(double value) { return Elementwise.inPlace(BinaryOp.DIV, this, value); }
  public Tensor clampInPlace(double min, double max) { return Elementwise.clampInPlace(this, min, max); }
  /** Copies other (broadcast, cast) into this. */
  public Tensor copyFrom(Tensor other) { return Elementwise.copyFrom(this, other); }
  public Tensor fill(double value) { return Elementwise.fill(this, value); }
  public Tensor zero() { return Elementwise.fill(this, 0); }
  /** Sets elements where mask is true to value (mask broadcasts to this). */
  public Tensor maskedFillInPlace(Tensor mask, double value) { return Indexing.maskedFillInPlace(this, mask, value); }

  // ---- reductions (see Reductions) -----------------------------------------------------------

  /** Sum of all elements (0-dim); ints and bool sum to INT64. */
  public Tensor sum() { return Reductions.sum(this, new int[0], false); }
  public Tensor sum(int[] dims, boolean keepDim) { return Reductions.sum(this, dims, keepDim); }
  public Tensor sum(int dim) { return Reductions.sum(this, new int[] {dim}, false); }
  public Tensor mean() { return Reductions.mean(this, new int[0], false); }
  public Tensor mean(int[] dims, boolean keepDim) { return Reductions.mean(this, dims, keepDim); }
  public Tensor mean(int dim) { return Reductions.mean(this, new int[] {dim}, false); }
  public Tensor prod() { return Reductions.prod(this, new int[0], false); }
  public Tensor prod(int[] dims, boolean keepDim) { return Reductions.prod(this, dims, keepDim); }
  /** Max of all elements; NaN if any is NaN. */
  public Tensor max() { return Reductions.max(this, new int[0], false); }
  public Tensor max(int[] dims, boolean keepDim) { return Reductions.max(this, dims, keepDim); }
  /** Max along one dim with the index of the first maximum. */
  public ValuesIndices maxWithIndices(int dim, boolean keepDim) { return Reductions.maxWithIndices(this, dim, keepDim); }
  public Tensor min() { return Reductions.min(this, new int[0], false); }
  public Tensor min(int[] dims, boolean keepDim) { return Reductions.min(this, dims, keepDim); }
  public ValuesIndices minWithIndices(int dim, boolean keepDim) { return Reductions.minWithIndices(this, dim, keepDim); }
  /** Index of the max in the flattened tensor. */
  public Tensor argmax() { return Reductions.argmax(this); }
  public Tensor argmax(int dim, boolean keepDim) { return Reductions.argAlong("argmax", ReduceOp.MAX, this, dim, keepDim); }
  public Tensor argmin() { return Reductions.argmin(this); }
  public Tensor argmin(int dim, boolean keepDim) { return Reductions.argAlong("argmin", ReduceOp.MIN, this, dim, keepDim); }
  /** Variance with Bessel-style correction (1 = unbiased, PyTorch's default). */
  public Tensor var(int[] dims, int correction, boolean keepDim) { return Reductions.var(this, dims, correction, keepDim); }
  public Tensor var() { return Reductions.var(this, new int[0], 1, false); }
  public Tensor std(int[] dims, int correction, boolean keepDim) { return Reductions.std(this, dims, correction, keepDim); }
  public Tensor std() { return Reductions.std(this, new int[0], 1, false); }
  /** Vector p-norm over dims (p = 1, 2, any positive, +-inf; 0 counts nonzeros). */
  public Tensor norm(double p, int[] dims, boolean keepDim) { return Reductions.norm(this, p, dims, keepDim); }
  /** 2-norm of all elements (Frobenius for matrices). */
  public Tensor norm() { return Reductions.norm(this, 2, new int[0], false); }
  public Tensor logSumExp(int[] dims, boolean keepDim) { return Reductions.logSumExp(this, dims, keepDim); }
  public Tensor all() { return Reductions.all(this, new int[0], false); }
  public Tensor all(int[] dims, boolean keepDim) { return Reductions.all(this, dims, keepDim); }
  public Tensor any() { return Reductions.any(this, new int[0], false); }
  public Tensor any(int[] dims, boolean keepDim) { return Reductions.any(this, dims, keepDim); }
  public Tensor countNonzero(int... dims) { return Reductions.countNonzero(this, dims); }
  public Tensor cumsum(int dim) { return Reductions.cumsum(this, dim); }
  public Tensor cumprod(int dim) { return Reductions.cumprod(this, dim); }
  /** exp(x - max) / sum, along dim. */
  public Tensor softmax(int dim) { return Reductions.softmax(this, dim, false); }
  public Tensor logSoftmax(int dim) { return Reductions.softmax(this, dim, true); }

  // ---- indexing, sorting, joining (see Indexing, Sorting, Joining) ------------------------------

  public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
  /** A copy of this with src written at index along dim. */
  public Tensor scatter(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, false); }
  public Tensor scatter(int dim, Tensor index, double value) { return Indexing.scatter(this, dim, index, value); }
  /** A copy of this with src added at index along dim (repeated indices accumulate). */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, true); }
  public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
  /** A copy of this with alpha*source added at rows index along dim. */
  public Tensor indexAdd(int dim, Tensor index, Tensor source, double alpha) { return Indexing.indexAdd(this, dim, index, source, alpha); }
  public Tensor maskedFill(Tensor mask, double value) { return Indexing.maskedFill(this, mask, value); }
  /** The elements where mask is true, as 1-D. */
  public Tensor maskedSelect(Tensor mask) { return Indexing.maskedSelect(this, mask); }
  /** Elements at flat indices of the row-major tensor. */
  public Tensor take(Tensor index) { return Indexing.take(this, index); }
  /** Coordinates of nonzero elements: [count, dim], INT64. */
  public Tensor nonzero() { return Indexing.nonzero(this); }
  /** One-hot encoding of an integer tensor: shape + [numClasses], INT64; numClasses -1 infers max+1. */
  public Tensor oneHot(int numClasses) { return Indexing.oneHot(this, numClasses); }

  /** Stable sort along dim. */
  public ValuesIndices sort(int dim, boolean descending) { return Sorting.sort(this, dim, descending); }
  public Tensor argsort(int dim, boolean descending) { return Sorting.sort(this, dim, descending).indices(); }
  public ValuesIndices topk(int k, int dim, boolean largest, boolean sorted) { return Sorting.topk(this, k, dim, largest, sorted); }
  /** The k-th smallest (1-based) along dim. */
  public ValuesIndices kthvalue(int k, int dim, boolean keepDim) { return Sorting.kthvalue(this, k, dim, keepDim); }
  /** Lower median of all elements. */
  public Tensor median() { return Sorting.median(this); }
  public ValuesIndices median(int dim, boolean keepDim) { return Sorting.median(this, dim, keepDim); }

  public static Tensor cat(List<Tensor> tensors, int dim) { return Joining.cat(tensors, dim); }
  public static Tensor stack(List<Tensor> tensors, int dim) { return Joining.stack(tensors, dim); }
  /** Pieces of splitSize along dim (the last may be smaller); views. */
  public List<Tensor> split(int splitSize, int dim) { return Joining.split(this, splitSize, dim); }
  public List<Tensor> split(int[] sizes, int dim) { return Joining.split(this, sizes, dim); }
  public List<Tensor> chunk(int chunks, int dim) { return Joining.chunk(this, chunks, dim); }
  /** Pads the last dims: pad = (left, right) pairs starting from the last dim, as torch.nn.functional.pad. */
  public Tensor pad(int[] pad, PadMode mode, double value) { return Joining.pad(this, pad, mode, value); }
  public Tensor flip(int... dims) { return Joining.flip(this, dims); }
  public Tensor roll(int[] shifts, int[] dims) { return Joining.roll(this, shifts, dims); }
  /** Tiles the tensor: repeats[i] copies along dim i (leading new dims allowed). */
  public Tensor repeat(int... repeats) { return Joining.repeat(this, repeats); }
  public Tensor tril(int diagonal) { return Joining.tril(this, diagonal); }
  public Tensor triu(int diagonal) { return Joining.triu(this, diagonal); }

  // ---- linear algebra, convolution, pooling (see LinearAlgebra, Convolution) -------------------

  /** torch.matmul: vector, matrix and batched forms with batch broadcasting. */
  public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }
  /** Batched [B,n,m] @ [B,m,p] without broadcasting. */
  public Tensor bmm(Tensor other) { return LinearAlgebra.bmm(this, other); }
  public Tensor mm(Tensor other) { return LinearAlgebra.mm(this, other); }
  public Tensor outer(Tensor other) { return LinearAlgebra.outer(this, other); }
  public Tensor dot(Tensor other) { return LinearAlgebra.dot(this, other); }
  /** Einstein summation for one or two operands, e.g. "bij,bjk->bik", "ii->i", "ij->". */
  public static Tensor einsum(String equation, Tensor... operands) { return LinearAlgebra.einsum(equation, operands); }
  /** Pairwise p-norm distances between rows: [B?,P,M] x [B?,R,M] -> [B?,P,R]. */
  public static Tensor cdist(Tensor x1, Tensor x2, double p) { return LinearAlgebra.cdist(x1, x2, p); }

  public Tensor conv1d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
    return Convolution.conv1d(this, weight, bias, stride, padding, dilation, groups);
  }
  /** x [N,C,H,W] (or [C,H,W]) with weight [O, C/groups, kH, kW]; bias may be null. */
  public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
  }
  /** weight [C, O/groups, kH, kW]. */
  public Tensor convTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int groups, int[] dilation) {
    return Convolution.convTranspose2d(this, weight, bias, stride, padding, outputPadding, groups, dilation);
  }
  public Tensor maxPool1d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    return Convolution.maxPool1d(this, kernel, stride, padding, dilation, ceilMode);
  }
  public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    ValuesIndices r = Convolution.maxPool2d(this, kernel, stride, padding, dilation, ceilMode);
    r.indices().close();
    return r.values();
  }
  /** Max pooling with the flat (h*W+w) index of each chosen input, as torch's return_indices. */
  public ValuesIndices maxPool2dWithIndices(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return Convolution.maxPool2d(this, kernel, stride, padding, dilation, ceilMode);
  }
  public Tensor avgPool1d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    return Convolution.avgPool1d(this, kernel, stride, padding, ceilMode, countIncludePad);
  }
  public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    return Convolution.avgPool2d(this, kernel, stride, padding, ceilMode, countIncludePad);
  }
  public Tensor adaptiveAvgPool2d(int outH, int outW) { return Convolution.adaptiveAvgPool2d(this, outH, outW); }
}

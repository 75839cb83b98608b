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
  // Not final: only toInPlace(Device) swaps them, so a parameter keeps its identity across devices.
  private volatile Backend backend;
  private volatile View view;
  private volatile boolean closed;
  // Autograd state, set by the autograd module through Recorder (see the autograd section).
  private volatile boolean requiresGrad;
  private volatile boolean retainsGrad;
  private volatile Tensor grad;
  private volatile GradNode gradFn;
  private volatile int gradOutputIndex;

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

  // ---- autograd (recording is done by the autograd module, see Recorder) ------------------------

  /** True when ops on this tensor are recorded for backward. */
  public boolean requiresGrad() { return requiresGrad; }

  /**
   * Marks a leaf tensor as a parameter whose gradient {@link #backward()} accumulates into
   * {@link #grad()}. Only floating dtypes can require grad, and only leaves can stop.
   */
  public Tensor requiresGrad(boolean on) {
    if (on && !dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("requiresGrad: only tensors of floating dtype can require gradients, got "
          + dtype());
    }
    if (!on && gradFn != null) {
      throw new IllegalArgumentException("requiresGrad(false) on a non-leaf tensor (produced by " + gradFn.name()
          + "); use detach()");
    }
    if (on && Op.recorder() == null) {
      throw new IllegalStateException("requiresGrad: autograd is not on the class path; add io.jgrad:jgrad-autograd");
    }
    requiresGrad = on;
    return this;
  }

  /** The accumulated gradient of a leaf (or of a non-leaf after {@link #retainGrad()}), or null. */
  public Tensor grad() { return grad; }

  /** Replaces the gradient (null clears it); it must match this tensor's shape. */
  public void setGrad(Tensor g) {
    if (g != null && !java.util.Arrays.equals(g.shape(), shape())) {
      throw new IllegalArgumentException("setGrad: gradient shape " + Shapes.str(g.shape()) + " does not match tensor shape "
          + Shapes.str(shape()));
    }
    grad = g;
  }

  /** The recorded op that produced this tensor; null for leaves. */
  public GradNode gradFn() { return gradFn; }

  /** Which output of {@link #gradFn()} this tensor is. */
  public int gradOutputIndex() { return gradOutputIndex; }

  /** True unless this tensor was produced by a recorded op. */
  public boolean isLeaf() { return gradFn == null; }

  /** Asks backward to also store this non-leaf tensor's gradient in {@link #grad()}. */
  public Tensor retainGrad() {
    if (!requiresGrad) throw new IllegalStateException("retainGrad: tensor does not require grad");
    retainsGrad = true;
    return this;
  }

  public boolean retainsGrad() { return retainsGrad || (requiresGrad && gradFn == null); }

  /** Attaches the node that produced this tensor; for the autograd module. */
  public void attachGradFn(GradNode node, int outputIndex) {
    gradFn = node;
    gradOutputIndex = outputIndex;
    requiresGrad = node != null || requiresGrad;
  }

  /** A view of the same memory that is not part of any graph. */
  public Tensor detach() { return Creation.viewOf(this, shape(), strides(), offset()); }

  /** Backward from a scalar: accumulates d(this)/d(leaf) into each leaf's {@link #grad()}. */
  public void backward() { backward(null, false, false); }

  /** Backward from a scalar, keeping the graph for another backward when retainGraph ({@code loss.backward(retain_graph=True)}). */
  public void backward(boolean retainGraph) { backward(null, retainGraph, false); }

  /** Backward with an explicit gradient of this tensor (required for non-scalars). */
  public void backward(Tensor gradient) { backward(gradient, false, false); }

  /** Backward keeping the graph for another pass, and/or recording it for higher derivatives. */
  public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
    Recorder r = Op.recorder();
    if (r == null) throw new IllegalStateException("backward: autograd is not on the class path; add io.jgrad:jgrad-autograd");
    r.backward(this, gradient, retainGraph, createGraph);
  }

  /** Points this tensor at other memory, releasing the old; for {@link #toInPlace(Device)} only. */
  synchronized void replaceStorage(Backend newBackend, View newView) {
    checkLive();
    View old = view;
    backend = newBackend;
    view = newView;
    old.buffer().release();
  }

  /** The version of this tensor's memory: in-place ops on it or on any view of it bump it. */
  public int version() { return view.buffer().version(); }

  void bumpVersion() { view.buffer().bumpVersion(); }

  /** After an in-place op that does not depend on the old value: this tensor leaves the graph. */
  void detachInPlace() {
    gradFn = null;
    requiresGrad = false;
  }

  /** A new tensor object on the same memory that carries this tensor's current history. */
  Tensor historyAlias() {
    Tensor a = Creation.viewOf(this, shape(), strides(), offset());
    a.requiresGrad = requiresGrad;
    a.gradFn = gradFn;
    a.gradOutputIndex = gradOutputIndex;
    return a;
  }

  /** Takes over the history of {@code result} (whose values were copied into this tensor). */
  void takeHistory(Tensor result) {
    gradFn = result.gradFn;
    gradOutputIndex = result.gradOutputIndex;
    requiresGrad = result.requiresGrad;
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

  /** A 2-D float64 tensor from rows of equal length. */
  public static Tensor of(double[]... rows) { return Creation.ofRows(rows); }

  /** A 2-D int64 tensor from rows of equal length (class indices, {@code torch.tensor([[1, 2], [3, 4]])}). */
  public static Tensor of(long[]... rows) { return Creation.ofRows(rows); }

  /** A 2-D int32 tensor from rows of equal length. */
  public static Tensor of(int[]... rows) { return Creation.ofRows(rows); }

  /** A 2-D bool tensor from rows of equal length. */
  public static Tensor of(boolean[]... rows) { return Creation.ofRows(rows); }

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

  // The forms without a Generator draw from the process-wide default one (Generator.defaultGenerator()), as torch.

  /** Reseeds the default generator, as {@code torch.manual_seed}; see {@link Generator#manualSeed}. */
  public static void manualSeed(long seed) { Generator.manualSeed(seed); }

  /** Uniform [0, 1), float32, from the default generator. */
  public static Tensor rand(int... shape) { return rand(Generator.defaultGenerator(), shape); }

  public static Tensor rand(DType dtype, int... shape) { return rand(Generator.defaultGenerator(), dtype, shape); }

  /** Standard normal, float32, from the default generator ({@code torch.randn(64, 5)}). */
  public static Tensor randn(int... shape) { return randn(Generator.defaultGenerator(), shape); }

  public static Tensor randn(DType dtype, int... shape) { return randn(Generator.defaultGenerator(), dtype, shape); }

  /** Integers uniform in [low, high), INT64, from the default generator. */
  public static Tensor randint(long low, long high, int... shape) { return randint(Generator.defaultGenerator(), low, high, shape); }

  /** A random permutation of 0..n-1, INT64, from the default generator. */
  public static Tensor randperm(int n) { return randperm(Generator.defaultGenerator(), n); }

  /** 1 with probability p, from the default generator. */
  public static Tensor bernoulli(Tensor p) { return bernoulli(Generator.defaultGenerator(), p); }

  /** Category indices from rows of weights, from the default generator. */
  public static Tensor multinomial(Tensor weights, int numSamples, boolean replacement) { return multinomial(Generator.defaultGenerator(), weights, numSamples, replacement); }

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
  public Tensor to(DType dtype) { return Op.call1("toDtype", () -> Creation.cast(this, dtype), this, dtype); }

  /** A copy on another device; when already there, a new view sharing this tensor's memory. */
  public Tensor to(Device device) { return Op.call1("toDevice", () -> Creation.toDevice(this, device), this, device); }

  /**
   * Moves this leaf tensor's memory to {@code device} in place and returns it: the same object
   * afterwards lives on {@code device} (as torch's {@code p.data = p.data.to(device)}), so layers'
   * fields and optimizers keep their parameters across {@code Module.to}. Its gradient moves too;
   * the old memory is released (views taken before keep it and stay where they were). Not
   * recorded by autograd; a no-op when already there.
   */
  public Tensor toInPlace(Device device) {
    Creation.moveInPlace(this, device);
    return this;
  }

  /** A new tensor with its own contiguous copy of the data. */
  public Tensor copy() { return Op.call1("copy", () -> Creation.copy(this), this); }

  /** A short rendering like PyTorch's: values for small tensors, shape and dtype always. */
  @Override
  public String toString() { return TensorFormat.format(this); }

  // ---- views (see Movement): no data is copied ----------------------------------------------

  /** Same data, new shape; one dim may be -1. Throws when the strides do not allow a view. */
  public Tensor view(int... shape) { return Op.call1("view", () -> Movement.view(this, shape), this, shape); }

  /** Like {@link #view}, but copies when a view is impossible. */
  public Tensor reshape(int... shape) { return Op.call1("reshape", () -> Movement.reshape(this, shape), this, shape); }

  public Tensor permute(int... dims) { return Op.call1("permute", () -> Movement.permute(this, dims), this, dims); }

  public Tensor transpose(int dim0, int dim1) { return Op.call1("transpose", () -> Movement.transpose(this, dim0, dim1), this, dim0, dim1); }

  /** Transpose of a matrix (rank 0-2), as {@code Tensor.t()}. */
  public Tensor t() { return Op.call1("t", () -> Movement.t(this), this); }

  /** Moves one dim to another position. */
  public Tensor movedim(int source, int destination) { return Op.call1("movedim", () -> Movement.movedim(this, source, destination), this, source, destination); }

  /** Broadcast view to a larger shape (-1 keeps a size), stride 0 on new/expanded dims. */
  public Tensor expand(int... shape) { return Op.call1("expand", () -> Movement.expand(this, shape), this, shape); }

  public Tensor expandAs(Tensor other) { return expand(other.shape()); }

  /** Elements [start, start+length) of one dim. */
  public Tensor narrow(int dim, int start, int length) { return Op.call1("narrow", () -> Movement.narrow(this, dim, start, length), this, dim, start, length); }

  /** Python's {@code x[..., start:end:step, ...]} on one dim; start/end clamp like Python's. */
  public Tensor slice(int dim, int start, int end, int step) { return Op.call1("slice", () -> Movement.slice(this, dim, start, end, step), this, dim, start, end, step); }

  /** Removes one dim by picking index i (negative counts from the end). */
  public Tensor select(int dim, int index) { return Op.call1("select", () -> Movement.select(this, dim, index), this, dim, index); }

  /** Removes every size-1 dim. */
  public Tensor squeeze() { return Op.call1("squeeze", () -> Movement.squeeze(this), this); }

  /** Removes the given dim if its size is 1. */
  public Tensor squeeze(int dim) { return Op.call1("squeezeDim", () -> Movement.squeeze(this, dim), this, dim); }

  public Tensor unsqueeze(int dim) { return Op.call1("unsqueeze", () -> Movement.unsqueeze(this, dim), this, dim); }

  /** Merges dims startDim..endDim (a view when possible, else a copy). */
  public Tensor flatten(int startDim, int endDim) { return Op.call1("flatten", () -> Movement.flatten(this, startDim, endDim), this, startDim, endDim); }

  public Tensor flatten() { return flatten(0, -1); }

  /** Splits one dim into the given sizes (one may be -1). */
  public Tensor unflatten(int dim, int... sizes) { return Op.call1("unflatten", () -> Movement.unflatten(this, dim, sizes), this, dim, sizes); }

  /** Sliding windows of {@code size} with {@code step} along dim, as a new last dim (a view). */
  public Tensor unfold(int dim, int size, int step) { return Op.call1("unfold", () -> Movement.unfold(this, dim, size, step), this, dim, size, step); }

  /** This tensor when already contiguous, else a contiguous copy. */
  public Tensor contiguous() { return Op.call1("contiguous", () -> Movement.contiguous(this), this); }

  // ---- elementwise (see Elementwise) ----------------------------------------------------------

  public Tensor neg() { return Op.call1("neg", () -> Elementwise.neg(this), this); }
  public Tensor abs() { return Op.call1("abs", () -> Elementwise.abs(this), this); }
  public Tensor sign() { return Op.call1("sign", () -> Elementwise.sign(this), this); }
  public Tensor exp() { return Op.call1("exp", () -> Elementwise.exp(this), this); }
  public Tensor expm1() { return Op.call1("expm1", () -> Elementwise.expm1(this), this); }
  public Tensor log() { return Op.call1("log", () -> Elementwise.log(this), this); }
  public Tensor log1p() { return Op.call1("log1p", () -> Elementwise.log1p(this), this); }
  public Tensor log2() { return Op.call1("log2", () -> Elementwise.log2(this), this); }
  public Tensor sqrt() { return Op.call1("sqrt", () -> Elementwise.sqrt(this), this); }
  public Tensor rsqrt() { return Op.call1("rsqrt", () -> Elementwise.rsqrt(this), this); }
  public Tensor reciprocal() { return Op.call1("reciprocal", () -> Elementwise.reciprocal(this), this); }
  public Tensor sin() { return Op.call1("sin", () -> Elementwise.sin(this), this); }
  public Tensor cos() { return Op.call1("cos", () -> Elementwise.cos(this), this); }
  public Tensor tan() { return Op.call1("tan", () -> Elementwise.tan(this), this); }
  public Tensor asin() { return Op.call1("asin", () -> Elementwise.asin(this), this); }
  public Tensor acos() { return Op.call1("acos", () -> Elementwise.acos(this), this); }
  public Tensor atan() { return Op.call1("atan", () -> Elementwise.atan(this), this); }
  public Tensor sinh() { return Op.call1("sinh", () -> Elementwise.sinh(this), this); }
  public Tensor cosh() { return Op.call1("cosh", () -> Elementwise.cosh(this), this); }
  public Tensor tanh() { return Op.call1("tanh", () -> Elementwise.tanh(this), this); }
  public Tensor sigmoid() { return Op.call1("sigmoid", () -> Elementwise.sigmoid(this), this); }
  public Tensor logSigmoid() { return Op.call1("logSigmoid", () -> Elementwise.logSigmoid(this), this); }
  /** log(1 + exp(beta x)) / beta, linear above threshold (PyTorch defaults beta 1, threshold 20). */
  public Tensor softplus(double beta, double threshold) { return Op.call1("softplus", () -> Elementwise.softplus(this, beta, threshold), this, beta, threshold); }
  public Tensor softplus() { return softplus(1, 20); }
  /** max(x, 0); relu'(0) = 0. */
  public Tensor relu() { return Op.call1("relu", () -> Elementwise.relu(this), this); }
  public Tensor leakyRelu(double negativeSlope) { return Op.call1("leakyRelu", () -> Elementwise.leakyRelu(this, negativeSlope), this, negativeSlope); }
  public Tensor elu(double alpha) { return Op.call1("elu", () -> Elementwise.elu(this, alpha), this, alpha); }
  /** torch's defaults: negative slope 0.01. */
  public Tensor leakyRelu() { return leakyRelu(0.01); }
  /** torch's defaults: alpha 1. */
  public Tensor elu() { return elu(1.0); }
  /** x * Phi(x), exact (erf) form. */
  public Tensor gelu() { return gelu(false); }
  /** GELU with PyTorch's {@code approximate='tanh'} when tanh is true. */
  public Tensor gelu(boolean tanh) { return Op.call1("gelu", () -> Elementwise.gelu(this, tanh), this, tanh); }
  public Tensor silu() { return Op.call1("silu", () -> Elementwise.silu(this), this); }
  public Tensor erf() { return Op.call1("erf", () -> Elementwise.erf(this), this); }
  public Tensor erfc() { return Op.call1("erfc", () -> Elementwise.erfc(this), this); }
  public Tensor floor() { return Op.call1("floor", () -> Elementwise.floor(this), this); }
  public Tensor ceil() { return Op.call1("ceil", () -> Elementwise.ceil(this), this); }
  /** Rounds half to even, as PyTorch. */
  public Tensor round() { return Op.call1("round", () -> Elementwise.round(this), this); }
  public Tensor trunc() { return Op.call1("trunc", () -> Elementwise.trunc(this), this); }
  /** Clamps to [min, max]; NaN for a bound means none. */
  public Tensor clamp(double min, double max) { return Op.call1("clamp", () -> Elementwise.clamp(this, min, max), this, min, max); }
  public Tensor clampMin(double min) { return clamp(min, Double.NaN); }
  public Tensor clampMax(double max) { return clamp(Double.NaN, max); }
  public Tensor pow(double exponent) { return Op.call1("powScalar", () -> Elementwise.pow(this, exponent), this, exponent); }
  public Tensor pow(Tensor exponent) { return Op.call("pow", () -> Elementwise.binary(BinaryOp.POW, this, exponent), new Tensor[] {this, exponent}); }
  public Tensor isnan() { return Elementwise.isnan(this); }
  public Tensor isinf() { return Elementwise.isinf(this); }
  public Tensor isfinite() { return Elementwise.isfinite(this); }
  /** NaN to nan, +inf to posinf, -inf to neginf (PyTorch defaults: 0, dtype max, dtype min). */
  public Tensor nanToNum(double nan, double posinf, double neginf) { return Op.call1("nanToNum", () -> Elementwise.nanToNum(this, nan, posinf, neginf), this, nan, posinf, neginf); }
  public Tensor nanToNum() { return nanToNum(0, Double.NaN, Double.NaN); }
  public Tensor logicalNot() { return Elementwise.logicalNot(this); }

  public Tensor add(Tensor other) { return Op.call("add", () -> Elementwise.binary(BinaryOp.ADD, this, other), new Tensor[] {this, other}, 1.0); }
  /** this + alpha * other. */
  public Tensor add(Tensor other, double alpha) { return Op.call("add", () -> Elementwise.add(this, other, alpha), new Tensor[] {this, other}, alpha); }
  public Tensor add(double value) { return Op.call1("addScalar", () -> Elementwise.binary(BinaryOp.ADD, this, value), this, value); }
  public Tensor sub(Tensor other) { return Op.call("sub", () -> Elementwise.binary(BinaryOp.SUB, this, other), new Tensor[] {this, other}); }
  public Tensor sub(double value) { return Op.call1("subScalar", () -> Elementwise.binary(BinaryOp.SUB, this, value), this, value); }
  public Tensor mul(Tensor other) { return Op.call("mul", () -> Elementwise.binary(BinaryOp.MUL, this, other), new Tensor[] {this, other}); }
  public Tensor mul(double value) { return Op.call1("mulScalar", () -> Elementwise.binary(BinaryOp.MUL, this, value), this, value); }
  /** True division: integer inputs give the default float dtype. */
  public Tensor div(Tensor other) { return Op.call("div", () -> Elementwise.binary(BinaryOp.DIV, this, other), new Tensor[] {this, other}); }
  public Tensor div(double value) { return Op.call1("divScalar", () -> Elementwise.binary(BinaryOp.DIV, this, value), this, value); }
  /** Python-style modulus: the result has the divisor's sign. */
  public Tensor remainder(Tensor other) { return Op.call("remainder", () -> Elementwise.binary(BinaryOp.REMAINDER, this, other), new Tensor[] {this, other}); }
  public Tensor remainder(double value) { return Op.call1("remainderScalar", () -> Elementwise.binary(BinaryOp.REMAINDER, this, value), this, value); }
  public Tensor atan2(Tensor other) { return Op.call("atan2", () -> Elementwise.binary(BinaryOp.ATAN2, this, other), new Tensor[] {this, other}); }
  /** Elementwise max; NaN propagates. */
  public Tensor maximum(Tensor other) { return Op.call("maximum", () -> Elementwise.binary(BinaryOp.MAXIMUM, this, other), new Tensor[] {this, other}); }
  public Tensor minimum(Tensor other) { return Op.call("minimum", () -> Elementwise.binary(BinaryOp.MINIMUM, this, other), new Tensor[] {this, other}); }
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
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Op.call("where", () -> Elementwise.where(cond, a, b), new Tensor[] {cond, a, b});
  }

  public static Tensor where(Tensor cond, Tensor a, double b) {
    return Op.call("whereScalar", () -> Elementwise.where(cond, a, b), new Tensor[] {cond, a}, b);
  }

  // ---- in place: modify this and return it -------------------------------------------------

  public Tensor addInPlace(Tensor other) { return Op.inPlace("addInPlace", this, () -> Elementwise.inPlace(BinaryOp.ADD, this, other), old -> old.add(other), other); }
  /** this += alpha * other (the optimizers' axpy). */
  public Tensor addInPlace(Tensor other, double alpha) { return Op.inPlace("addInPlace", this, () -> Elementwise.addInPlace(this, other, alpha), old -> old.add(other, alpha), other); }
  public Tensor addInPlace(double value) { return Op.inPlace("addInPlace", this, () -> Elementwise.inPlace(BinaryOp.ADD, this, value), old -> old.add(value)); }
  public Tensor subInPlace(Tensor other) { return Op.inPlace("subInPlace", this, () -> Elementwise.inPlace(BinaryOp.SUB, this, other), old -> old.sub(other), other); }
  public Tensor mulInPlace(Tensor other) { return Op.inPlace("mulInPlace", this, () -> Elementwise.inPlace(BinaryOp.MUL, this, other), old -> old.mul(other), other); }
  public Tensor mulInPlace(double value) { return Op.inPlace("mulInPlace", this, () -> Elementwise.inPlace(BinaryOp.MUL, this, value), old -> old.mul(value)); }
  public Tensor divInPlace(Tensor other) { return Op.inPlace("divInPlace", this, () -> Elementwise.inPlace(BinaryOp.DIV, this, other), old -> old.div(other), other); }
  public Tensor divInPlace(double value) { return Op.inPlace("divInPlace", this, () -> Elementwise.inPlace(BinaryOp.DIV, this, value), old -> old.div(value)); }
  public Tensor clampInPlace(double min, double max) { return Op.inPlace("clampInPlace", this, () -> Elementwise.clampInPlace(this, min, max), old -> old.clamp(min, max)); }
  /** Copies other (broadcast, cast) into this. */
  public Tensor copyFrom(Tensor other) { return Op.inPlace("copyFrom", this, () -> Elementwise.copyFrom(this, other), old -> other.expand(old.shape()).to(old.dtype()), other); }
  public Tensor fill(double value) { return Op.inPlace("fill", this, () -> Elementwise.fill(this, value), null); }
  public Tensor zero() { return fill(0); }
  /** Sets elements where mask is true to value (mask broadcasts to this). */
  public Tensor maskedFillInPlace(Tensor mask, double value) {
    return Op.inPlace("maskedFillInPlace", this, () -> Indexing.maskedFillInPlace(this, mask, value), old -> old.maskedFill(mask, value));
  }

  // ---- reductions (see Reductions) -----------------------------------------------------------

  /** Sum of all elements (0-dim); ints and bool sum to INT64. */
  public Tensor sum() { return sum(new int[0], false); }
  public Tensor sum(int[] dims, boolean keepDim) { return Op.call1("sum", () -> Reductions.sum(this, dims, keepDim), this, dims, keepDim); }
  public Tensor sum(int dim) { return sum(new int[] {dim}, false); }
  public Tensor mean() { return mean(new int[0], false); }
  public Tensor mean(int[] dims, boolean keepDim) { return Op.call1("mean", () -> Reductions.mean(this, dims, keepDim), this, dims, keepDim); }
  public Tensor mean(int dim) { return mean(new int[] {dim}, false); }
  public Tensor prod() { return prod(new int[0], false); }
  public Tensor prod(int[] dims, boolean keepDim) { return Op.call1("prod", () -> Reductions.prod(this, dims, keepDim), this, dims, keepDim); }
  /** Max of all elements; NaN if any is NaN. */
  public Tensor max() { return max(new int[0], false); }
  public Tensor max(int[] dims, boolean keepDim) { return Op.call1("max", () -> Reductions.max(this, dims, keepDim), this, dims, keepDim); }
  /** Max along one dim with the index of the first maximum. */
  public ValuesIndices maxWithIndices(int dim, boolean keepDim) { return Op.pair("maxDim", () -> Reductions.maxWithIndices(this, dim, keepDim), this, dim, keepDim); }
  public Tensor min() { return min(new int[0], false); }
  public Tensor min(int[] dims, boolean keepDim) { return Op.call1("min", () -> Reductions.min(this, dims, keepDim), this, dims, keepDim); }
  public ValuesIndices minWithIndices(int dim, boolean keepDim) { return Op.pair("minDim", () -> Reductions.minWithIndices(this, dim, keepDim), this, dim, keepDim); }
  /** Index of the max in the flattened tensor. */
  public Tensor argmax() { return Reductions.argmax(this); }
  public Tensor argmax(int dim, boolean keepDim) { return Reductions.argAlong("argmax", ReduceOp.MAX, this, dim, keepDim); }
  public Tensor argmin() { return Reductions.argmin(this); }
  public Tensor argmin(int dim, boolean keepDim) { return Reductions.argAlong("argmin", ReduceOp.MIN, this, dim, keepDim); }
  /** Index of the first max along dim, the dim removed. */
  public Tensor argmax(int dim) { return argmax(dim, false); }
  /** Index of the first min along dim, the dim removed. */
  public Tensor argmin(int dim) { return argmin(dim, false); }
  /** Variance with Bessel-style correction (1 = unbiased, PyTorch's default). */
  public Tensor var(int[] dims, int correction, boolean keepDim) { return Op.call1("var", () -> Reductions.var(this, dims, correction, keepDim), this, dims, correction, keepDim); }
  public Tensor var() { return var(new int[0], 1, false); }
  public Tensor std(int[] dims, int correction, boolean keepDim) { return Op.call1("std", () -> Reductions.std(this, dims, correction, keepDim), this, dims, correction, keepDim); }
  public Tensor std() { return std(new int[0], 1, false); }
  /** Vector p-norm over dims (p = 1, 2, any positive, +-inf; 0 counts nonzeros). */
  public Tensor norm(double p, int[] dims, boolean keepDim) { return Op.call1("norm", () -> Reductions.norm(this, p, dims, keepDim), this, p, dims, keepDim); }
  /** 2-norm of all elements (Frobenius for matrices). */
  public Tensor norm() { return norm(2, new int[0], false); }
  public Tensor logSumExp(int[] dims, boolean keepDim) { return Op.call1("logSumExp", () -> Reductions.logSumExp(this, dims, keepDim), this, dims, keepDim); }
  public Tensor all() { return Reductions.all(this, new int[0], false); }
  public Tensor all(int[] dims, boolean keepDim) { return Reductions.all(this, dims, keepDim); }
  public Tensor any() { return Reductions.any(this, new int[0], false); }
  public Tensor any(int[] dims, boolean keepDim) { return Reductions.any(this, dims, keepDim); }
  public Tensor countNonzero(int... dims) { return Reductions.countNonzero(this, dims); }
  public Tensor cumsum(int dim) { return Op.call1("cumsum", () -> Reductions.cumsum(this, dim), this, dim); }
  public Tensor cumprod(int dim) { return Op.call1("cumprod", () -> Reductions.cumprod(this, dim), this, dim); }
  /** exp(x - max) / sum, along dim. */
  public Tensor softmax(int dim) { return Op.call1("softmax", () -> Reductions.softmax(this, dim, false), this, dim); }
  public Tensor logSoftmax(int dim) { return Op.call1("logSoftmax", () -> Reductions.softmax(this, dim, true), this, dim); }

  // ---- indexing, sorting, joining (see Indexing, Sorting, Joining) ------------------------------

  public Tensor gather(int dim, Tensor index) { return Op.call("gather", () -> Indexing.gather(this, dim, index), new Tensor[] {this, index}, dim); }
  /** A copy of this with src written at index along dim. */
  public Tensor scatter(int dim, Tensor index, Tensor src) {
    return Op.call("scatter", () -> Indexing.scatter(this, dim, index, src, false), new Tensor[] {this, index, src}, dim);
  }
  public Tensor scatter(int dim, Tensor index, double value) { return Op.call("scatterValue", () -> Indexing.scatter(this, dim, index, value), new Tensor[] {this, index}, dim, value); }
  /** A copy of this with src added at index along dim (repeated indices accumulate). */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Op.call("scatterAdd", () -> Indexing.scatter(this, dim, index, src, true), new Tensor[] {this, index, src}, dim); }
  public Tensor indexSelect(int dim, Tensor index) { return Op.call("indexSelect", () -> Indexing.indexSelect(this, dim, index), new Tensor[] {this, index}, dim); }
  /** A copy of this with alpha*source added at rows index along dim. */
  public Tensor indexAdd(int dim, Tensor index, Tensor source, double alpha) { return Op.call("indexAdd", () -> Indexing.indexAdd(this, dim, index, source, alpha), new Tensor[] {this, index, source}, dim, alpha); }
  public Tensor maskedFill(Tensor mask, double value) { return Op.call("maskedFill", () -> Indexing.maskedFill(this, mask, value), new Tensor[] {this, mask}, value); }
  /** The elements where mask is true, as 1-D. */
  public Tensor maskedSelect(Tensor mask) { return Op.call("maskedSelect", () -> Indexing.maskedSelect(this, mask), new Tensor[] {this, mask}); }
  /** Elements at flat indices of the row-major tensor. */
  public Tensor take(Tensor index) { return Op.call("take", () -> Indexing.take(this, index), new Tensor[] {this, index}); }
  /** Coordinates of nonzero elements: [count, dim], INT64. */
  public Tensor nonzero() { return Indexing.nonzero(this); }
  /** One-hot encoding of an integer tensor: shape + [numClasses], INT64; numClasses -1 infers max+1. */
  public Tensor oneHot(int numClasses) { return Indexing.oneHot(this, numClasses); }

  /** Stable sort along dim. */
  public ValuesIndices sort(int dim, boolean descending) { return Op.pair("sort", () -> Sorting.sort(this, dim, descending), this, dim, descending); }
  public Tensor argsort(int dim, boolean descending) {
    ValuesIndices r = Sorting.sort(this, dim, descending);
    r.values().close();
    return r.indices();
  }
  public ValuesIndices topk(int k, int dim, boolean largest, boolean sorted) { return Op.pair("topk", () -> Sorting.topk(this, k, dim, largest, sorted), this, k, dim, largest, sorted); }
  /** The k largest along the last dim, sorted (torch's defaults). */
  public ValuesIndices topk(int k) { return topk(k, -1, true, true); }
  /** The k largest along dim, sorted. */
  public ValuesIndices topk(int k, int dim) { return topk(k, dim, true, true); }
  /** The k-th smallest (1-based) along dim. */
  public ValuesIndices kthvalue(int k, int dim, boolean keepDim) { return Op.pair("kthvalue", () -> Sorting.kthvalue(this, k, dim, keepDim), this, k, dim, keepDim); }
  /** Lower median of all elements. */
  public Tensor median() { return Op.call1("median", () -> Sorting.median(this), this); }
  public ValuesIndices median(int dim, boolean keepDim) { return Op.pair("medianDim", () -> Sorting.median(this, dim, keepDim), this, dim, keepDim); }

  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Op.call("cat", () -> Joining.cat(tensors, dim), tensors.toArray(new Tensor[0]), dim);
  }
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Op.call("stack", () -> Joining.stack(tensors, dim), tensors.toArray(new Tensor[0]), dim);
  }
  /** Pieces of splitSize along dim (the last may be smaller); views. */
  public List<Tensor> split(int splitSize, int dim) { return Op.pieces(this, Joining.split(this, splitSize, dim), dim); }
  public List<Tensor> split(int[] sizes, int dim) { return Op.pieces(this, Joining.split(this, sizes, dim), dim); }
  public List<Tensor> chunk(int chunks, int dim) { return Op.pieces(this, Joining.chunk(this, chunks, dim), dim); }
  /** Pads the last dims: pad = (left, right) pairs starting from the last dim, as torch.nn.functional.pad. */
  public Tensor pad(int[] pad, PadMode mode, double value) { return Op.call1("pad", () -> Joining.pad(this, pad, mode, value), this, pad, mode, value); }
  public Tensor flip(int... dims) { return Op.call1("flip", () -> Joining.flip(this, dims), this, dims); }
  public Tensor roll(int[] shifts, int[] dims) { return Op.call1("roll", () -> Joining.roll(this, shifts, dims), this, shifts, dims); }
  /** Tiles the tensor: repeats[i] copies along dim i (leading new dims allowed). */
  public Tensor repeat(int... repeats) { return Op.call1("repeat", () -> Joining.repeat(this, repeats), this, repeats); }
  public Tensor tril(int diagonal) { return Op.call1("tril", () -> Joining.tril(this, diagonal), this, diagonal); }
  public Tensor triu(int diagonal) { return Op.call1("triu", () -> Joining.triu(this, diagonal), this, diagonal); }

  // ---- linear algebra, convolution, pooling (see LinearAlgebra, Convolution) -------------------

  /** torch.matmul: vector, matrix and batched forms with batch broadcasting. */
  public Tensor matmul(Tensor other) { return Op.call("matmul", () -> LinearAlgebra.matmul(this, other), new Tensor[] {this, other}); }
  /** Batched [B,n,m] @ [B,m,p] without broadcasting. */
  public Tensor bmm(Tensor other) { return Op.call("bmm", () -> LinearAlgebra.bmm(this, other), new Tensor[] {this, other}); }
  public Tensor mm(Tensor other) { return Op.call("mm", () -> LinearAlgebra.mm(this, other), new Tensor[] {this, other}); }
  public Tensor outer(Tensor other) { return Op.call("outer", () -> LinearAlgebra.outer(this, other), new Tensor[] {this, other}); }
  public Tensor dot(Tensor other) { return Op.call("dot", () -> LinearAlgebra.dot(this, other), new Tensor[] {this, other}); }
  /** Einstein summation for one or two operands, e.g. "bij,bjk->bik", "ii->i", "ij->". */
  public static Tensor einsum(String equation, Tensor... operands) {
    return Op.call("einsum", () -> LinearAlgebra.einsum(equation, operands), operands.clone(), equation);
  }
  /** Pairwise p-norm distances between rows: [B?,P,M] x [B?,R,M] -> [B?,P,R]. */
  public static Tensor cdist(Tensor x1, Tensor x2, double p) {
    return Op.call("cdist", () -> LinearAlgebra.cdist(x1, x2, p), new Tensor[] {x1, x2}, p);
  }

  public Tensor conv1d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
    return Op.call("conv1d", () -> Convolution.conv1d(this, weight, bias, stride, padding, dilation, groups),
        new Tensor[] {this, weight, bias}, stride, padding, dilation, groups);
  }
  /** x [N,C,H,W] (or [C,H,W]) with weight [O, C/groups, kH, kW]; bias may be null. */
  /** Sliding windows as columns, torch.nn.functional.unfold: [N,C,H,W] -> [N, C*kH*kW, L]; see {@link Unfold}. */
  public Tensor unfold2d(int[] kernel, int[] dilation, int[] padding, int[] stride) {
    return Op.call1("unfold2d", () -> Unfold.unfold2d(this, kernel, dilation, padding, stride), this, kernel, dilation, padding, stride);
  }

  /** The adjoint of unfold2d, torch.nn.functional.fold: [N, C*kH*kW, L] -> [N, C, H, W] summing overlaps. */
  public Tensor fold2d(int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {
    return Op.call1("fold2d", () -> Unfold.fold2d(this, outputSize, kernel, dilation, padding, stride), this, outputSize,
        kernel, dilation, padding, stride);
  }

  public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    return Op.call("conv2d", () -> Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups),
        new Tensor[] {this, weight, bias}, stride, padding, dilation, groups);
  }
  /** torch's defaults: no bias, stride 1, padding 0, dilation 1, groups 1. */
  public Tensor conv2d(Tensor weight) { return conv2d(weight, null, 1, 0); }
  /** Stride 1, padding 0, dilation 1, groups 1; bias may be null. */
  public Tensor conv2d(Tensor weight, Tensor bias) { return conv2d(weight, bias, 1, 0); }
  /** The same stride and padding on both spatial dims; dilation 1, groups 1. */
  public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) { return conv2d(weight, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1); }
  /** torch's defaults: no bias, stride 1, padding 0, dilation 1, groups 1. */
  public Tensor conv1d(Tensor weight) { return conv1d(weight, null, 1, 0, 1, 1); }
  public Tensor conv1d(Tensor weight, Tensor bias) { return conv1d(weight, bias, 1, 0, 1, 1); }
  /** weight [C, O/groups, kH, kW]. */
  public Tensor convTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int groups, int[] dilation) {
    return Op.call("convTranspose2d", () -> Convolution.convTranspose2d(this, weight, bias, stride, padding, outputPadding,
        groups, dilation), new Tensor[] {this, weight, bias}, stride, padding, outputPadding, groups, dilation);
  }
  /** Window k, stride k, no padding (torch's defaults). */
  public Tensor maxPool1d(int kernel) { return maxPool1d(kernel, kernel, 0, 1, false); }
  public Tensor maxPool1d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    return Op.call1("maxPool1d", () -> Convolution.maxPool1d(this, kernel, stride, padding, dilation, ceilMode), this,
        kernel, stride, padding, dilation, ceilMode);
  }
  /** A k x k window with stride k (torch's default stride = kernel), no padding. */
  public Tensor maxPool2d(int kernel) { return maxPool2d(kernel, kernel, 0); }
  public Tensor maxPool2d(int kernel, int stride) { return maxPool2d(kernel, stride, 0); }
  /** Square window, the same stride and padding on both dims; dilation 1, floor mode. */
  public Tensor maxPool2d(int kernel, int stride, int padding) { return maxPool2d(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, false); }
  public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    ValuesIndices r = maxPool2dWithIndices(kernel, stride, padding, dilation, ceilMode);
    if (r.values().gradFn() == null) r.indices().close();
    return r.values();
  }
  /** Max pooling with the flat (h*W+w) index of each chosen input, as torch's return_indices. */
  public ValuesIndices maxPool2dWithIndices(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return Op.pair("maxPool2d", () -> Convolution.maxPool2d(this, kernel, stride, padding, dilation, ceilMode), this,
        kernel, stride, padding, dilation, ceilMode);
  }
  /** Window k, stride k, no padding (torch's defaults). */
  public Tensor avgPool1d(int kernel) { return avgPool1d(kernel, kernel, 0, false, true); }
  public Tensor avgPool1d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    return Op.call1("avgPool1d", () -> Convolution.avgPool1d(this, kernel, stride, padding, ceilMode, countIncludePad),
        this, kernel, stride, padding, ceilMode, countIncludePad);
  }
  /** A k x k window with stride k, no padding (torch's defaults; countIncludePad true). */
  public Tensor avgPool2d(int kernel) { return avgPool2d(kernel, kernel, 0); }
  public Tensor avgPool2d(int kernel, int stride) { return avgPool2d(kernel, stride, 0); }
  /** Square window, the same stride and padding on both dims; floor mode, padding counted. */
  public Tensor avgPool2d(int kernel, int stride, int padding) { return avgPool2d(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, false, true); }
  public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    return Op.call1("avgPool2d", () -> Convolution.avgPool2d(this, kernel, stride, padding, ceilMode, countIncludePad),
        this, kernel, stride, padding, ceilMode, countIncludePad);
  }
  /** A size x size output. */
  public Tensor adaptiveAvgPool2d(int size) { return adaptiveAvgPool2d(size, size); }
  public Tensor adaptiveAvgPool2d(int outH, int outW) { return Op.call1("adaptiveAvgPool2d", () -> Convolution.adaptiveAvgPool2d(this, outH, outW), this, outH, outW); }
}

package io.jgrad.tensor;

import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;

/**
 * Reductions, scans and softmax rows, with PyTorch 1.13's dtypes and edge cases. Each op
 * validates, picks the dtype, allocates a keepDim-shaped output and calls one backend
 * primitive ({@code reduce}, {@code argReduce}, {@code scan}, {@code softmax}); the view
 * without the reduced dims is taken afterwards. Composites (var, std, norm, logSumExp) live
 * in {@link ReductionComposites}.
 *
 * <p>Shape: a reduction over {@code dims} returns x's shape without those dims, or with 1s in
 * their place when keepDim (maxWithIndices/minWithIndices likewise for their one dim); scans
 * and softmax return x's shape. A 0-dim input accepts dim 0 and -1.
 *
 * <p>Conventions: {@code dims} empty means every dim; negative dims count from the end; a
 * repeated dim is an error. Integral and bool inputs sum, multiply and scan in INT64. MAX/MIN
 * propagate NaN, and max/argmax along a dim pick the first extreme (a NaN counts as the
 * extreme).
 *
 * @see <a href="https://pytorch.org/docs/1.13/torch.html#reduction-ops">PyTorch reduction ops</a>
 */
final class Reductions {
  private Reductions() {}

  /** sum_i x_i over dims. Shape: x's without dims (or with 1s when keepDim). Ints and bool give INT64. */
  static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    int[] axes = Shapes.dims("sum", dims, x.dim());
    return integralToLong(x, ReduceOp.SUM, axes, keepDim);
  }

  /** (1/n) sum_i x_i over dims; floating inputs only; mean over zero elements is NaN. */
  static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be a floating point"
          + " dtype, got " + x.dtype() + " (shape " + Shapes.str(x.shape()) + ")");
    }
    int[] axes = Shapes.dims("mean", dims, x.dim());
    return reduce(ReduceOp.MEAN, x, axes, keepDim, x.dtype());
  }

  /** prod_i x_i over dims; 1 over zero elements. Ints and bool give INT64. */
  static Tensor prod(Tensor x, int[] dims, boolean keepDim) {
    int[] axes = Shapes.dims("prod", dims, x.dim());
    return integralToLong(x, ReduceOp.PROD, axes, keepDim);
  }

  /** max_i x_i over dims, keeping the dtype; NaN if any element is NaN; error over zero elements. */
  static Tensor max(Tensor x, int[] dims, boolean keepDim) { return extreme("max", ReduceOp.MAX, x, dims, keepDim); }

  /** min_i x_i over dims, keeping the dtype; NaN if any element is NaN; error over zero elements. */
  static Tensor min(Tensor x, int[] dims, boolean keepDim) { return extreme("min", ReduceOp.MIN, x, dims, keepDim); }

  /** Max along dim and the INT64 index of its first occurrence (a NaN is the max). */
  static ValuesIndices maxWithIndices(Tensor x, int dim, boolean keepDim) {
    return withIndices("max", ReduceOp.MAX, x, dim, keepDim);
  }

  /** Min along dim and the INT64 index of its first occurrence (a NaN is the min). */
  static ValuesIndices minWithIndices(Tensor x, int dim, boolean keepDim) {
    return withIndices("min", ReduceOp.MIN, x, dim, keepDim);
  }

  /** Flat index (INT64, 0-dim) of the first max of the row-major flattened tensor. */
  static Tensor argmax(Tensor x) { return flatArg("argmax", ReduceOp.MAX, x); }

  /** INT64 index of the first max (or min) along dim; bool is rejected as torch's argmax_cpu does. */
  static Tensor argAlong(String name, ReduceOp op, Tensor x, int dim, boolean keepDim) {
    rejectBool(name, x);
    ValuesIndices vi = withIndices(name, op, x, dim, keepDim);
    vi.values().close();
    return vi.indices();
  }

  private static void rejectBool(String name, Tensor x) {
    if (x.dtype().isBool()) {
      throw new IllegalArgumentException(name + ": not implemented for bool (shape " + Shapes.str(x.shape())
          + "), as torch's " + name + "_cpu; convert to an integer dtype first");
    }
  }

  /** Flat index (INT64, 0-dim) of the first min of the row-major flattened tensor. */
  static Tensor argmin(Tensor x) { return flatArg("argmin", ReduceOp.MIN, x); }

  /** sum_i (x_i - mean)^2 / max(0, n - correction); see {@link ReductionComposites#var}. */
  static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
    return ReductionComposites.var("var", x, dims, correction, keepDim, false);
  }

  /** sqrt(var). */
  static Tensor std(Tensor x, int[] dims, int correction, boolean keepDim) {
    return ReductionComposites.var("std", x, dims, correction, keepDim, true);
  }

  /** (sum_i |x_i|^p)^(1/p), with p = 0 and +-inf as limits; see {@link ReductionComposites#norm}. */
  static Tensor norm(Tensor x, double p, int[] dims, boolean keepDim) {
    return ReductionComposites.norm(x, p, dims, keepDim);
  }

  /** log sum_i exp(x_i), stable; see {@link ReductionComposites#logSumExp}. */
  static Tensor logSumExp(Tensor x, int[] dims, boolean keepDim) {
    return ReductionComposites.logSumExp(x, dims, keepDim);
  }

  /** True when every element over dims is nonzero (NaN counts as nonzero); true over zero elements. BOOL. */
  static Tensor all(Tensor x, int[] dims, boolean keepDim) { return logical("all", ReduceOp.ALL, x, dims, keepDim); }

  /** True when some element over dims is nonzero; false over zero elements. BOOL. */
  static Tensor any(Tensor x, int[] dims, boolean keepDim) { return logical("any", ReduceOp.ANY, x, dims, keepDim); }

  /** Number of nonzero elements over dims (empty = all), INT64, dims removed. */
  static Tensor countNonzero(Tensor x, int[] dims) {
    int[] axes = Shapes.dims("countNonzero", dims, x.dim());
    try (Tensor b = Creation.cast(x, DType.BOOL); Tensor l = Creation.cast(b, DType.INT64)) {
      return reduce(ReduceOp.SUM, l, axes, false, DType.INT64);
    }
  }

  /** y_i = x_0 + ... + x_i along dim. Shape: x's. Ints and bool give INT64. */
  static Tensor cumsum(Tensor x, int dim) { return scan("cumsum", ScanOp.CUMSUM, x, dim); }

  /** y_i = x_0 * ... * x_i along dim. Shape: x's. Ints and bool give INT64. */
  static Tensor cumprod(Tensor x, int dim) { return scan("cumprod", ScanOp.CUMPROD, x, dim); }

  /**
   * softmax: y_i = exp(x_i - m) / sum_j exp(x_j - m), m = max_j x_j; log-softmax:
   * y_i = x_i - m - log(sum_j exp(x_j - m)). A row holding +inf, or only -inf, gives NaN as in
   * PyTorch. Floating inputs only. Shape: x's.
   */
  static Tensor softmax(Tensor x, int dim, boolean log) {
    String op = log ? "logSoftmax" : "softmax";
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": not implemented for " + x.dtype() + " (shape "
          + Shapes.str(x.shape()) + "); convert to a floating dtype first");
    }
    int d = Shapes.dim(op, dim, x.dim());
    try (Tensor src = atLeast1d(x)) {
      Tensor out = Creation.emptyOn(x, x.dtype(), src.shape());
      x.backend().softmax(src.layout(), d, log, out.layout());
      return x.dim() == 0 ? reshapeTo(out, new int[0]) : out;
    }
  }

  // ---- helpers shared with ReductionComposites ------------------------------------------------

  /**
   * Runs {@code op} over {@code axes} (already normalised) into a new tensor of dtype
   * {@code outType} (the input dtype, or BOOL for ALL/ANY), then drops the axes unless keepDim.
   */
  static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim, DType outType) {
    Tensor out = Creation.emptyOn(x, outType, Shapes.reduced(x.shape(), axes, true));
    x.backend().reduce(op, x.layout(), axes, out.layout());
    return keepDim ? out : dropAxes(out, axes);
  }

  /** A keepDim-shaped result viewed without its reduced axes; closes {@code kept}. */
  static Tensor dropAxes(Tensor kept, int[] axes) {
    if (axes.length == 0) return kept;
    return reshapeTo(kept, Shapes.reduced(kept.shape(), axes, false));
  }

  /** A contiguous tensor viewed with another shape of the same size; closes {@code t}. */
  static Tensor reshapeTo(Tensor t, int[] shape) {
    try (t) {
      return Creation.viewOf(t, shape, Shapes.contiguousStrides(shape), t.offset());
    }
  }

  /** x itself (a new reference) or, for a 0-dim tensor, a [1] view of it. */
  static Tensor atLeast1d(Tensor x) {
    if (x.dim() > 0) return Creation.viewOf(x, x.shape(), x.strides(), x.offset());
    return Creation.viewOf(x, new int[] {1}, new int[] {1}, x.offset());
  }

  /** Number of elements in the reduced axes. */
  static long reducedCount(Tensor x, int[] axes) {
    long n = 1;
    for (int a : axes) n *= x.size(a);
    return n;
  }

  // ---- private -------------------------------------------------------------------------------

  private static Tensor integralToLong(Tensor x, ReduceOp op, int[] axes, boolean keepDim) {
    if (x.dtype().isFloatingPoint() || x.dtype() == DType.INT64) return reduce(op, x, axes, keepDim, x.dtype());
    try (Tensor l = Creation.cast(x, DType.INT64)) {
      return reduce(op, l, axes, keepDim, DType.INT64);
    }
  }

  private static Tensor extreme(String name, ReduceOp op, Tensor x, int[] dims, boolean keepDim) {
    int[] axes = Shapes.dims(name, dims, x.dim());
    if (dims.length == 0 && x.numel() == 0) {
      throw new IllegalArgumentException(name + "(): Expected reduction dim to be specified for input.numel() == 0"
          + " (input shape " + Shapes.str(x.shape()) + ")");
    }
    for (int a : axes) {
      if (x.size(a) == 0) {
        throw new IllegalArgumentException(name + "(): Expected reduction dim " + a + " to have non-zero size"
            + " (input shape " + Shapes.str(x.shape()) + ")");
      }
    }
    return reduce(op, x, axes, keepDim, x.dtype());
  }

  private static Tensor logical(String name, ReduceOp op, Tensor x, int[] dims, boolean keepDim) {
    int[] axes = Shapes.dims(name, dims, x.dim());
    try (Tensor b = Creation.cast(x, DType.BOOL)) {
      return reduce(op, b, axes, keepDim, DType.BOOL);
    }
  }

  private static ValuesIndices withIndices(String name, ReduceOp op, Tensor x, int dim, boolean keepDim) {
    int d = Shapes.dim(name, dim, x.dim());
    if (x.dim() > 0 && x.size(d) == 0) {
      throw new IllegalArgumentException(name + "(): Expected reduction dim " + d + " to have non-zero size"
          + " (input shape " + Shapes.str(x.shape()) + ")");
    }
    try (Tensor src = atLeast1d(x)) {
      int[] kept = src.shape();
      kept[d] = 1;
      Tensor values = Creation.emptyOn(x, x.dtype(), kept);
      Tensor indices = Creation.emptyOn(x, DType.INT64, kept);
      x.backend().argReduce(op, src.layout(), d, values.layout(), indices.layout());
      if (x.dim() == 0) return new ValuesIndices(reshapeTo(values, new int[0]), reshapeTo(indices, new int[0]));
      if (keepDim) return new ValuesIndices(values, indices);
      int[] axes = {d};
      return new ValuesIndices(dropAxes(values, axes), dropAxes(indices, axes));
    }
  }

  private static Tensor flatArg(String name, ReduceOp op, Tensor x) {
    rejectBool(name, x);
    if (x.numel() == 0) {
      throw new IllegalArgumentException(name + "(): Expected reduction dim to be specified for input.numel() == 0"
          + " (input shape " + Shapes.str(x.shape()) + ")");
    }
    try (Tensor flat = x.reshape(-1)) {
      ValuesIndices vi = withIndices(name, op, flat, 0, false);
      vi.values().close();
      return vi.indices();
    }
  }

  private static Tensor scan(String name, ScanOp op, Tensor x, int dim) {
    int d = Shapes.dim(name, dim, x.dim());
    DType t = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    try (Tensor c = Creation.cast(x, t); Tensor src = atLeast1d(c)) {
      Tensor out = Creation.emptyOn(x, t, src.shape());
      x.backend().scan(op, src.layout(), d, out.layout());
      return x.dim() == 0 ? reshapeTo(out, new int[0]) : out;
    }
  }
}

package io.jgrad.tensor;

import io.jgrad.tensor.spi.ScatterMode;

/**
 * Index-driven ops: gather, scatter, indexSelect, indexAdd, take, oneHot, and (through
 * {@link Masking}) the mask ops. Every index is checked here, before any kernel runs: dtype
 * INT64, rank, sizes against the input, and each value against its dim, so an error names
 * the op and the offending value instead of surfacing from a kernel.
 */
final class Indexing {
  private Indexing() {}

  /**
   * out[i][j][k] = x[index[i][j][k]][j][k] (for dim 0; likewise for other dims).
   * Shape: index's shape; index has x's rank and index.size(d) &lt;= x.size(d) for d != dim.
   * Indices must lie in [0, x.size(dim)) (no negative wrap-around, as torch.gather).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.gather.html">torch.gather</a>
   */
  static Tensor gather(Tensor x, int dim, Tensor index) {
    String op = "gather";
    int d = Shapes.dim(op, dim, x.dim());
    checkIndexTensor(op, x, index);
    checkRank(op, x, index);
    int[] xs = x.shape(), is = index.shape();
    for (int k = 0; k < is.length; k++) {
      if (k != d && is[k] > xs[k]) {
        throw new IllegalArgumentException(op + ": index shape " + Shapes.str(is) + " exceeds input shape "
            + Shapes.str(xs) + " at dim " + k + " (only dim " + d + " may be larger)");
      }
    }
    Tensor out = Creation.emptyOn(x, x.dtype(), is);
    if (out.numel() == 0) return out;
    checkRange(op, index, d, x.dim() == 0 ? 1 : xs[d]);
    x.backend().gather(x.layout(), d, index.layout(), out.layout());
    return out;
  }

  /**
   * A copy of x with self[index[i][j]][j] = src[i][j] (dim 0; ADD: +=, repeated indices
   * accumulate in index order; SET: the last write in row-major index order wins).
   * Shape: x's. index has x's rank; index.size(d) &lt;= src.size(d) for all d and
   * &lt;= x.size(d) for d != dim; src has x's dtype.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.scatter_.html">torch.Tensor.scatter_</a>
   */
  static Tensor scatter(Tensor x, int dim, Tensor index, Tensor src, boolean add) {
    String op = add ? "scatterAdd" : "scatter";
    int d = Shapes.dim(op, dim, x.dim());
    checkIndexTensor(op, x, index);
    checkRank(op, x, index);
    if (src.dim() != x.dim()) {
      throw new IllegalArgumentException(op + ": src of rank " + src.dim() + " " + Shapes.str(src.shape())
          + " for an input of rank " + x.dim() + " " + Shapes.str(x.shape()));
    }
    if (src.dtype() != x.dtype()) {
      throw new IllegalArgumentException(op + ": src dtype " + src.dtype() + " differs from input dtype " + x.dtype());
    }
    sameDevice(op, x, src);
    int[] is = index.shape(), ss = src.shape();
    for (int k = 0; k < is.length; k++) {
      if (is[k] > ss[k]) {
        throw new IllegalArgumentException(op + ": index shape " + Shapes.str(is) + " exceeds src shape "
            + Shapes.str(ss) + " at dim " + k);
      }
    }
    return scatterChecked(op, x, d, index, src, add);
  }

  /**
   * A copy of x with x[index[i][j]][j] = value (dim 0). Shape: x's; value is cast to x's dtype.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.scatter_.html">torch.Tensor.scatter_</a>
   */
  static Tensor scatter(Tensor x, int dim, Tensor index, double value) {
    String op = "scatter";
    int d = Shapes.dim(op, dim, x.dim());
    checkIndexTensor(op, x, index);
    checkRank(op, x, index);
    try (Tensor v = Creation.full(new int[0], value, x.dtype(), x.device());
         Tensor src = v.expand(index.shape())) {
      return scatterChecked(op, x, d, index, src, false);
    }
  }

  /** Shared tail of scatter: sizes against x, values, copy, kernel. */
  private static Tensor scatterChecked(String op, Tensor x, int d, Tensor index, Tensor src, boolean add) {
    int[] xs = x.shape(), is = index.shape();
    for (int k = 0; k < is.length; k++) {
      if (k != d && is[k] > xs[k]) {
        throw new IllegalArgumentException(op + ": index shape " + Shapes.str(is) + " exceeds input shape "
            + Shapes.str(xs) + " at dim " + k + " (only dim " + d + " may be larger)");
      }
    }
    Tensor out = Creation.copy(x);
    if (index.numel() == 0) return out;
    checkRange(op, index, d, x.dim() == 0 ? 1 : xs[d]);
    x.backend().scatter(add ? ScatterMode.ADD : ScatterMode.SET, src.layout(), d, index.layout(), out.layout());
    return out;
  }

  /**
   * out = x with dim restricted to the entries listed in index (in that order, repeats allowed).
   * Shape: x's with size(dim) = index.numel(); index is a 0-D or 1-D INT64 or INT32 tensor.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.index_select.html">torch.index_select</a>
   */
  static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    String op = "indexSelect";
    int d = Shapes.dim(op, dim, x.dim());
    try (Tensor idx = vectorIndex(op, x, index)) {
      int[] shape = x.shape();
      if (x.dim() == 0) {
        if (idx.numel() != 1) {
          throw new IllegalArgumentException(op + ": a 0-dim input takes exactly one index, got " + idx.numel());
        }
      } else {
        shape[d] = idx.numel();
      }
      Tensor out = Creation.emptyOn(x, x.dtype(), shape);
      if (out.numel() == 0) return out;
      checkRange(op, idx, d, x.dim() == 0 ? 1 : x.shape()[d]);
      try (Tensor full = alongDim(idx, shape, d)) {
        x.backend().gather(x.layout(), d, full.layout(), out.layout());
      }
      return out;
    }
  }

  /**
   * A copy of x with out[index[i]] += alpha * source[i] along dim (repeated indices accumulate).
   * Shape: x's; source has x's shape with size(dim) = index.numel() and x's dtype. For integral
   * and bool inputs alpha must be integral.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.index_add_.html">torch.Tensor.index_add_</a>
   */
  static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor source, double alpha) {
    String op = "indexAdd";
    int d = Shapes.dim(op, dim, x.dim());
    sameDevice(op, x, source);
    if (source.dtype() != x.dtype()) {
      throw new IllegalArgumentException(op + ": source dtype " + source.dtype() + " differs from input dtype "
          + x.dtype());
    }
    if (!x.dtype().isFloatingPoint() && alpha != Math.rint(alpha)) {
      throw new IllegalArgumentException(op + ": alpha " + alpha + " must be integral for a " + x.dtype() + " input");
    }
    try (Tensor idx = vectorIndex(op, x, index)) {
      int[] want = x.shape();
      if (x.dim() > 0) want[d] = idx.numel();
      else if (idx.numel() != 1) {
        throw new IllegalArgumentException(op + ": a 0-dim input takes exactly one index, got " + idx.numel());
      }
      if (!java.util.Arrays.equals(want, source.shape())) {
        throw new IllegalArgumentException(op + ": source shape " + Shapes.str(source.shape()) + " should be "
            + Shapes.str(want) + " (input " + Shapes.str(x.shape()) + " with dim " + d + " of size " + idx.numel() + ")");
      }
      Tensor out = Creation.copy(x);
      if (source.numel() == 0) return out;
      checkRange(op, idx, d, x.dim() == 0 ? 1 : x.shape()[d]);
      Tensor scaled = source;
      if (alpha != 1) {
        try (Tensor a = Creation.full(new int[0], alpha, x.dtype(), x.device())) {
          scaled = source.mul(a);
        }
      }
      try (Tensor full = alongDim(idx, want, d)) {
        x.backend().scatter(ScatterMode.ADD, scaled.layout(), d, full.layout(), out.layout());
      } finally {
        if (scaled != source) scaled.close();
      }
      return out;
    }
  }

  /**
   * out[i...] = flat(x)[index[i...]], x read in row-major order; negative indices count from
   * the end, as torch.take. Shape: index's shape; index is INT64.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.take.html">torch.take</a>
   */
  static Tensor take(Tensor x, Tensor index) {
    String op = "take";
    checkIndexTensor(op, x, index);
    int n = x.numel();
    long[] v = index.toLongArray();
    boolean wrapped = false;
    for (int i = 0; i < v.length; i++) {
      if (v[i] < -n || v[i] >= n) {
        throw new IllegalArgumentException(op + ": index " + v[i] + " out of range for a tensor of " + n + " elements");
      }
      if (v[i] < 0) {
        v[i] += n;
        wrapped = true;
      }
    }
    Tensor out = Creation.emptyOn(x, x.dtype(), index.shape());
    if (v.length == 0) return out;
    try (Tensor flat = x.reshape(n);
         Tensor idx = wrapped ? Tensor.of(v).to(x.device()) : index.reshape(v.length);
         Tensor o = Creation.viewOf(out, new int[] {v.length}, new int[] {1}, 0)) {
      x.backend().gather(flat.layout(), 0, idx.layout(), o.layout());
    }
    return out;
  }

  /**
   * out[..., c] = 1 if x[...] == c else 0, INT64. numClasses -1 infers max(x)+1.
   * Shape: x's shape + [numClasses]. Classes must lie in [0, numClasses).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.one_hot.html">torch.nn.functional.one_hot</a>
   */
  static Tensor oneHot(Tensor x, int numClasses) {
    String op = "oneHot";
    if (x.dtype() != DType.INT64) {
      throw new IllegalArgumentException(op + ": expects an int64 tensor of class indices, got " + x.dtype());
    }
    if (numClasses < -1) throw new IllegalArgumentException(op + ": numClasses must be -1 or >= 0, got " + numClasses);
    long[] v = x.toLongArray();
    long max = -1;
    for (long c : v) {
      if (c < 0) throw new IllegalArgumentException(op + ": class " + c + " is negative");
      max = Math.max(max, c);
    }
    if (numClasses == -1) {
      if (v.length == 0) throw new IllegalArgumentException(op + ": cannot infer numClasses from an empty tensor");
      numClasses = Math.toIntExact(max + 1);
    } else if (max >= numClasses) {
      throw new IllegalArgumentException(op + ": class " + max + " out of range for numClasses " + numClasses);
    }
    int r = x.dim();
    int[] shape = java.util.Arrays.copyOf(x.shape(), r + 1);
    shape[r] = numClasses;
    Tensor out = Creation.full(shape, 0, DType.INT64, x.device());
    if (v.length == 0) return out;
    int[] idxShape = shape.clone();
    idxShape[r] = 1;
    try (Tensor idx = x.unsqueeze(r);
         Tensor one = Creation.full(new int[0], 1, DType.INT64, x.device());
         Tensor src = one.expand(idxShape)) {
      x.backend().scatter(ScatterMode.SET, src.layout(), r, idx.layout(), out.layout());
    }
    return out;
  }

  static Tensor maskedFill(Tensor x, Tensor mask, double value) { return Masking.maskedFill(x, mask, value); }

  static Tensor maskedFillInPlace(Tensor self, Tensor mask, double value) {
    return Masking.maskedFillInPlace(self, mask, value);
  }

  static Tensor maskedSelect(Tensor x, Tensor mask) { return Masking.maskedSelect(x, mask); }

  static Tensor nonzero(Tensor x) { return Masking.nonzero(x); }

  // ---- checks ------------------------------------------------------------------------------

  static void checkIndexTensor(String op, Tensor x, Tensor index) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(op + ": index must be int64, got " + index.dtype());
    }
    sameDevice(op, x, index);
  }

  /** Mixing devices is an error, never a silent copy (STYLE.md section 4). */
  static void sameDevice(String op, Tensor a, Tensor b) {
    Devices.requireSame(op, a, b);
  }

  private static void checkRank(String op, Tensor x, Tensor index) {
    if (index.dim() != x.dim()) {
      throw new IllegalArgumentException(op + ": index of rank " + index.dim() + " " + Shapes.str(index.shape())
          + " for an input of rank " + x.dim() + " " + Shapes.str(x.shape()) + " (ranks must match)");
    }
  }

  /** Every index value in [0, size); the message names the first one outside. */
  /**
   * Index values must lie in [0, size): checked through the index's min and max, computed by its
   * backend, so only those two values are read back (one transfer) (no copy of the index on the host, no transfer of
   * a GPU index). The message names the smallest value when it is negative, else the largest.
   */
  static void checkRange(String op, Tensor index, int dim, int size) {
    if (index.numel() == 0) return;
    long[] range;
    try (Tensor mn = index.min(); Tensor mx = index.max(); Tensor both = Tensor.stack(java.util.List.of(mn, mx), 0)) {
      range = both.toLongArray();
    }
    if (range[0] < 0) checkValues(op, new long[] {range[0]}, dim, size);
    checkValues(op, new long[] {range[1]}, dim, size);
  }

  static void checkValues(String op, long[] values, int dim, int size) {
    for (long v : values) {
      if (v < 0 || v >= size) {
        throw new IllegalArgumentException(op + ": index " + v + " out of range for dim " + dim + " of size " + size);
      }
    }
  }

  /** A 0-D/1-D INT32/INT64 index as a 1-D INT64 tensor (a view when already INT64). */
  private static Tensor vectorIndex(String op, Tensor x, Tensor index) {
    if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": index must be int64 or int32, got " + index.dtype());
    }
    sameDevice(op, x, index);
    if (index.dim() > 1) {
      throw new IllegalArgumentException(op + ": index must be 0-D or 1-D, got shape " + Shapes.str(index.shape()));
    }
    try (Tensor i64 = index.to(DType.INT64)) {
      return i64.reshape(index.numel());
    }
  }

  /** The 1-D index broadcast to shape: stride 0 everywhere except along dim. */
  private static Tensor alongDim(Tensor idx, int[] shape, int dim) {
    int[] strides = new int[shape.length];
    if (shape.length > 0) strides[dim] = idx.stride(0);
    return Creation.viewOf(idx, shape, strides, idx.offset());
  }
}

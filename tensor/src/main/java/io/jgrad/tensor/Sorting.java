package io.jgrad.tensor;

/**
 * Sort and the selections built on it (topk, kthvalue, median). Order: NaN is larger than
 * every number (last ascending, first descending), -0.0 equals 0.0, and the sort is stable in
 * both directions, as {@code torch.sort(stable=True)}. For topk/kthvalue/median the index of
 * a tied value is whichever the stable sort puts at that rank (PyTorch leaves it unspecified).
 */
final class Sorting {
  private Sorting() {}

  /**
   * values = x sorted along dim, indices = positions in x (INT64): values = x.gather(dim, indices).
   * Shape: x's (both).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.sort.html">torch.sort</a>
   */
  static ValuesIndices sort(Tensor x, int dim, boolean descending) {
    int d = Shapes.dim("sort", dim, x.dim());
    Tensor values = Creation.emptyOn(x, x.dtype(), x.shape());
    Tensor indices = Creation.emptyOn(x, DType.INT64, x.shape());
    if (x.numel() > 0) x.backend().sort(x.layout(), d, descending, values.layout(), indices.layout());
    return new ValuesIndices(values, indices);
  }

  /**
   * The k largest (or smallest) elements along dim, in sorted order (also when sorted is false,
   * which PyTorch leaves unspecified). Shape: x's with size(dim) = k; 0 &lt;= k &lt;= size(dim).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.topk.html">torch.topk</a>
   */
  static ValuesIndices topk(Tensor x, int k, int dim, boolean largest, boolean sorted) {
    int d = Shapes.dim("topk", dim, x.dim());
    int size = x.dim() == 0 ? 1 : x.shape()[d];
    if (k < 0 || k > size) {
      throw new IllegalArgumentException("topk: k " + k + " out of range for dim " + d + " of size " + size);
    }
    ValuesIndices all = sort(x, d, largest);
    if (k == size) return all;
    try (Tensor v = all.values(); Tensor i = all.indices();
         Tensor vk = v.narrow(d, 0, k); Tensor ik = i.narrow(d, 0, k)) {
      return new ValuesIndices(Creation.copy(vk), Creation.copy(ik));
    }
  }

  /**
   * The k-th smallest element along dim (k is 1-based) and its index. NaN counts as largest.
   * Shape: x's without dim (or with size 1 when keepDim).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.kthvalue.html">torch.kthvalue</a>
   */
  static ValuesIndices kthvalue(Tensor x, int k, int dim, boolean keepDim) {
    int d = Shapes.dim("kthvalue", dim, x.dim());
    int size = x.dim() == 0 ? 1 : x.shape()[d];
    if (k < 1 || k > size) {
      throw new IllegalArgumentException("kthvalue: k " + k + " out of range for dim " + d + " of size " + size
          + " (k is 1-based)");
    }
    ValuesIndices sorted = sort(x, d, false);
    try (Tensor v = sorted.values(); Tensor i = sorted.indices()) {
      return pick(sorted, d, k - 1, keepDim);
    }
  }

  /**
   * Lower median of all elements: the element of rank floor((n-1)/2) in ascending order; NaN
   * when any element is NaN (PyTorch propagates NaN here). Shape: [] (0-dim).
   * An empty float tensor gives NaN; an empty integral one is an error.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.median.html">torch.median</a>
   */
  static Tensor median(Tensor x) {
    if (x.numel() == 0) {
      if (!x.dtype().isFloatingPoint()) {
        throw new IllegalArgumentException("median: an empty " + x.dtype() + " tensor has no median");
      }
      return Creation.full(new int[0], Double.NaN, x.dtype(), x.device());
    }
    try (Tensor flat = x.reshape(x.numel())) {
      ValuesIndices m = median(flat, 0, false);
      m.indices().close();
      return m.values();
    }
  }

  /**
   * Lower median along dim and its index; a row holding NaN gives NaN and the index of its
   * first NaN, as PyTorch. Shape: x's without dim (or with size 1 when keepDim).
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.median.html">torch.median</a>
   */
  static ValuesIndices median(Tensor x, int dim, boolean keepDim) {
    int d = Shapes.dim("median", dim, x.dim());
    int size = x.dim() == 0 ? 1 : x.shape()[d];
    if (size == 0) {
      throw new IllegalArgumentException("median: dim " + d + " of " + Shapes.str(x.shape()) + " has size 0");
    }
    // Descending stable sort: a NaN row starts with its first NaN; otherwise the lower median
    // (ascending rank (n-1)/2) sits at descending rank n-1-(n-1)/2. Ties may pick another equal element.
    ValuesIndices desc = sort(x, d, true);
    try (Tensor dv = desc.values(); Tensor di = desc.indices()) {
      ValuesIndices med = pick(desc, d, size - 1 - (size - 1) / 2, keepDim);
      if (!x.dtype().isFloatingPoint()) return med;
      ValuesIndices first = pick(desc, d, 0, keepDim);
      try (Tensor fv = first.values(); Tensor fi = first.indices(); Tensor nan = fv.isnan();
           Tensor mv = med.values(); Tensor mi = med.indices()) {
        return new ValuesIndices(Tensor.where(nan, fv, mv), Tensor.where(nan, fi, mi));
      }
    }
  }

  /** Element {@code rank} of dim from a sorted pair, as new tensors (the pair stays open). */
  private static ValuesIndices pick(ValuesIndices sorted, int d, int rank, boolean keepDim) {
    Tensor v = sorted.values(), i = sorted.indices();
    if (v.dim() == 0) return new ValuesIndices(Creation.copy(v), Creation.copy(i));
    try (Tensor vs = keepDim ? v.narrow(d, rank, 1) : v.select(d, rank);
         Tensor is = keepDim ? i.narrow(d, rank, 1) : i.select(d, rank)) {
      return new ValuesIndices(Creation.copy(vs), Creation.copy(is));
    }
  }
}

package io.jgrad.tensor;

/**
 * PyTorch's result-type rule for mixed inputs ({@code torch.result_type}): operands are
 * ranked as dimensioned tensors, zero-dimensional tensors, then Java scalars. The result is
 * the promotion of the highest-priority group, raised to a higher category from a lower
 * group only when that group's category is higher (an int tensor plus 2.5 gives the default
 * float dtype; a float32 tensor plus a float64 zero-dim tensor stays float32).
 */
public final class Promotion {
  private Promotion() {}

  /** Result dtype of a tensor-tensor op. */
  public static DType resultType(Tensor a, Tensor b) {
    boolean aDim = a.dim() > 0, bDim = b.dim() > 0;
    if (aDim == bDim) return DType.promote(a.dtype(), b.dtype());
    DType dimensioned = aDim ? a.dtype() : b.dtype();
    DType zeroDim = aDim ? b.dtype() : a.dtype();
    if (zeroDim.category().compareTo(dimensioned.category()) > 0) return zeroDim;
    return dimensioned;
  }

  /** Result dtype of a tensor op with a Java scalar ({@code isFloating} for double/float, else an integer). */
  public static DType resultType(Tensor a, boolean scalarIsFloating) {
    return resultType(a, scalarIsFloating ? DType.FLOAT64 : DType.INT64);
  }

  /**
   * Result dtype of a tensor op with a Java scalar of kind {@code scalar}: BOOL for a boolean,
   * INT64 for an integer, FLOAT64 for a floating-point number (PyTorch's wrapped numbers). The
   * scalar only raises the category: int32 + 2 stays int32, int32 + 2.5 gives the default float,
   * bool + 2 gives int64.
   */
  public static DType resultType(Tensor a, DType scalar) {
    DType t = a.dtype();
    if (scalar.category().compareTo(t.category()) <= 0) return t;
    return scalar.isFloatingPoint() ? DType.defaultFloat() : scalar;
  }

  /** Dtype a float-only function (exp, sin, sqrt, div) computes in: ints become the default float. */
  public static DType floatingOf(DType t) {
    return t.isFloatingPoint() ? t : DType.defaultFloat();
  }
}

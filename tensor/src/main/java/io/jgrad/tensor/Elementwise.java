package io.jgrad.tensor;

import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.UnaryOp;

/**
 * Elementwise ops at the tensor level: dtype rules, casts and output allocation, then one
 * backend call. Dtypes follow PyTorch 1.13: float-only functions (exp, log, sin, sqrt, sigmoid,
 * erf, ...) compute integer and bool inputs in the default float dtype; abs, neg, sign, relu,
 * floor, ceil, round, trunc and clamp keep integer dtypes (floor and friends are the identity
 * there); the activations leakyRelu, elu, gelu, silu, softplus and logSigmoid accept floating
 * inputs only, as in torch; predicates give BOOL. Binary ops live in {@link ElementwiseBinary},
 * in-place ops in {@link ElementwiseInPlace}.
 *
 * <p>Shape: every op here returns a tensor of x's shape (a new contiguous one), never a view.
 *
 * @see <a href="https://pytorch.org/docs/1.13/torch.html#pointwise-ops">PyTorch pointwise ops</a>
 */
final class Elementwise {
  private Elementwise() {}

  /** -x. Not defined on bool, as in torch. Shape: same as x. */
  static Tensor neg(Tensor x) {
    if (x.dtype().isBool()) {
      throw new IllegalArgumentException("neg: negation, the `-` operator, on a bool tensor is not supported; "
          + "use logicalNot() to invert a mask");
    }
    return apply(UnaryOp.NEG, x, x.dtype());
  }

  /** |x|; integers keep their dtype (|Long.MIN_VALUE| wraps as in torch). */
  static Tensor abs(Tensor x) { return apply(UnaryOp.ABS, noBool("abs", x), x.dtype()); }

  /** -1, 0 or 1; sign(NaN) = 0 and sign(-0) = 0 as in torch 1.13; bool stays bool. */
  static Tensor sign(Tensor x) { return apply(UnaryOp.SIGN, x, x.dtype()); }

  static Tensor exp(Tensor x) { return floating(UnaryOp.EXP, x); }

  static Tensor expm1(Tensor x) { return floating(UnaryOp.EXPM1, x); }

  /** ln x: -inf at 0, NaN below. */
  static Tensor log(Tensor x) { return floating(UnaryOp.LOG, x); }

  static Tensor log1p(Tensor x) { return floating(UnaryOp.LOG1P, x); }

  static Tensor log2(Tensor x) { return floating(UnaryOp.LOG2, x); }

  static Tensor sqrt(Tensor x) { return floating(UnaryOp.SQRT, x); }

  /** 1 / sqrt(x). */
  static Tensor rsqrt(Tensor x) { return floating(UnaryOp.RSQRT, x); }

  /** 1 / x (float even for integer x, as torch). */
  static Tensor reciprocal(Tensor x) { return floating(UnaryOp.RECIPROCAL, x); }

  static Tensor sin(Tensor x) { return floating(UnaryOp.SIN, x); }

  static Tensor cos(Tensor x) { return floating(UnaryOp.COS, x); }

  static Tensor tan(Tensor x) { return floating(UnaryOp.TAN, x); }

  static Tensor asin(Tensor x) { return floating(UnaryOp.ASIN, x); }

  static Tensor acos(Tensor x) { return floating(UnaryOp.ACOS, x); }

  static Tensor atan(Tensor x) { return floating(UnaryOp.ATAN, x); }

  static Tensor sinh(Tensor x) { return floating(UnaryOp.SINH, x); }

  static Tensor cosh(Tensor x) { return floating(UnaryOp.COSH, x); }

  static Tensor tanh(Tensor x) { return floating(UnaryOp.TANH, x); }

  /** 1 / (1 + e^-x), stable for large |x| (no NaN). */
  static Tensor sigmoid(Tensor x) { return floating(UnaryOp.SIGMOID, x); }

  /** log(sigmoid(x)) = min(x, 0) - log1p(e^-|x|). Floating inputs only. */
  static Tensor logSigmoid(Tensor x) { return activation("logSigmoid", UnaryOp.LOG_SIGMOID, x); }

  /** log1p(e^(beta x)) / beta, and x itself where beta x > threshold. Floating inputs only. */
  static Tensor softplus(Tensor x, double beta, double threshold) {
    return activation("softplus", UnaryOp.SOFTPLUS, x, beta, threshold);
  }

  /** max(x, 0); relu(-0) = -0 and relu(NaN) = NaN as torch; integers keep their dtype. */
  static Tensor relu(Tensor x) {
    if (x.dtype().isBool()) throw new IllegalArgumentException("relu: boolean inputs not supported");
    return apply(UnaryOp.RELU, x, x.dtype());
  }

  /** x for x > 0, slope * x otherwise. Floating inputs only. */
  static Tensor leakyRelu(Tensor x, double slope) { return activation("leakyRelu", UnaryOp.LEAKY_RELU, x, slope); }

  /** x for x > 0, alpha (e^x - 1) otherwise. Floating inputs only. */
  static Tensor elu(Tensor x, double alpha) { return activation("elu", UnaryOp.ELU, x, alpha); }

  /**
   * x Phi(x) = 0.5 x erfc(-x / sqrt 2) (exact form), or with {@code tanh}
   * 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Floating inputs only.
   */
  static Tensor gelu(Tensor x, boolean tanh) {
    return activation("gelu", tanh ? UnaryOp.GELU_TANH : UnaryOp.GELU, x);
  }

  /** x sigmoid(x) = x / (1 + e^-x). Floating inputs only. */
  static Tensor silu(Tensor x) { return activation("silu", UnaryOp.SILU, x); }

  /** 2/sqrt(pi) * integral_0^x e^(-t^2) dt (Cody's rational approximations, double precision). */
  static Tensor erf(Tensor x) { return floating(UnaryOp.ERF, x); }

  /** 1 - erf(x), accurate in the tail. */
  static Tensor erfc(Tensor x) { return floating(UnaryOp.ERFC, x); }

  static Tensor floor(Tensor x) { return rounding("floor", UnaryOp.FLOOR, x); }

  static Tensor ceil(Tensor x) { return rounding("ceil", UnaryOp.CEIL, x); }

  /** Nearest integer, ties to even (0.5 -> 0, 1.5 -> 2, 2.5 -> 2). */
  static Tensor round(Tensor x) { return rounding("round", UnaryOp.ROUND, x); }

  static Tensor trunc(Tensor x) { return rounding("trunc", UnaryOp.TRUNC, x); }

  /**
   * min(max(x, min), max); a NaN bound means none; min > max gives max everywhere; NaN input
   * stays NaN. Dtype: promotion of x with the bounds as scalars (an integer tensor clamped to
   * 0.5 becomes float32).
   */
  static Tensor clamp(Tensor x, double min, double max) {
    DType t = clampType("clamp", x, min, max);
    return apply(UnaryOp.CLAMP, x, t, min, max);
  }

  static DType clampType(String op, Tensor x, double min, double max) {
    if (Double.isNaN(min) && Double.isNaN(max)) {
      throw new IllegalArgumentException(op + ": at least one of min and max must be given (both are NaN)");
    }
    boolean floating = !Double.isNaN(min) && ElementwiseBinary.isFloating(min)
        || !Double.isNaN(max) && ElementwiseBinary.isFloating(max);
    return Promotion.resultType(x, floating);
  }

  /**
   * x^exponent. Integer tensors with an integral exponent stay integral (wrapping on overflow)
   * and refuse negative exponents, as torch ("Integers to negative integer powers are not allowed").
   */
  static Tensor pow(Tensor x, double exponent) {
    DType t = Promotion.resultType(x, ElementwiseBinary.isFloating(exponent));
    if (!t.isFloatingPoint() && exponent < 0) {
      throw new IllegalArgumentException("pow: integers to negative integer powers are not allowed (" + x.dtype()
          + " tensor to the power " + exponent + ")");
    }
    return apply(UnaryOp.POW_SCALAR, x, t, exponent);
  }

  static Tensor isnan(Tensor x) { return apply(UnaryOp.ISNAN, x, x.dtype()); }

  static Tensor isinf(Tensor x) { return apply(UnaryOp.ISINF, x, x.dtype()); }

  static Tensor isfinite(Tensor x) { return apply(UnaryOp.ISFINITE, x, x.dtype()); }

  /**
   * NaN to {@code nan}, +inf to {@code posinf}, -inf to {@code neginf}; a NaN posinf/neginf
   * means the dtype's largest/lowest finite value (torch's None). Integers and bools are copied.
   */
  static Tensor nanToNum(Tensor x, double nan, double posinf, double neginf) {
    if (!x.dtype().isFloatingPoint()) return x.copy();
    double big = x.dtype() == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
    double pos = Double.isNaN(posinf) ? big : posinf, neg = Double.isNaN(neginf) ? -big : neginf;
    return apply(UnaryOp.NAN_TO_NUM, x, x.dtype(), nan, pos, neg);
  }

  /** x == 0, as BOOL, for any dtype. */
  static Tensor logicalNot(Tensor x) { return apply(UnaryOp.LOGICAL_NOT, x, x.dtype()); }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) { return ElementwiseBinary.binary(op, a, b); }

  static Tensor binary(BinaryOp op, Tensor a, double b) { return ElementwiseBinary.binary(op, a, b); }

  static Tensor add(Tensor a, Tensor b, double alpha) { return ElementwiseBinary.add(a, b, alpha); }

  static Tensor where(Tensor cond, Tensor a, Tensor b) { return ElementwiseBinary.where(cond, a, b); }

  static Tensor where(Tensor cond, Tensor a, double b) { return ElementwiseBinary.where(cond, a, b); }

  static Tensor inPlace(BinaryOp op, Tensor self, Tensor other) { return ElementwiseInPlace.inPlace(op, self, other); }

  static Tensor inPlace(BinaryOp op, Tensor self, double other) { return ElementwiseInPlace.inPlace(op, self, other); }

  static Tensor addInPlace(Tensor self, Tensor other, double alpha) {
    return ElementwiseInPlace.addInPlace(self, other, alpha);
  }

  static Tensor clampInPlace(Tensor self, double min, double max) {
    return ElementwiseInPlace.clampInPlace(self, min, max);
  }

  static Tensor copyFrom(Tensor self, Tensor other) { return ElementwiseInPlace.copyFrom(self, other); }

  static Tensor fill(Tensor self, double value) { return ElementwiseInPlace.fill(self, value); }

  // ---- helpers -------------------------------------------------------------------------------

  /** Runs op on x cast to {@code t}; the output is BOOL for predicates, else {@code t}. */
  private static Tensor apply(UnaryOp op, Tensor x, DType t, double... args) {
    Tensor out = Creation.emptyOn(x, op.isPredicate() ? DType.BOOL : t, x.shape());
    try (Tensor xc = x.to(t)) {
      x.backend().unary(op, xc.layout(), out.layout(), args);
    }
    return out;
  }

  private static Tensor floating(UnaryOp op, Tensor x) {
    return apply(op, x, Promotion.floatingOf(x.dtype()));
  }

  private static Tensor activation(String name, UnaryOp op, Tensor x, double... args) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(name + ": not implemented for " + x.dtype()
          + " tensors (floating-point input required, as in torch)");
    }
    return apply(op, x, x.dtype(), args);
  }

  private static Tensor rounding(String name, UnaryOp op, Tensor x) {
    noBool(name, x);
    return x.dtype().isFloatingPoint() ? apply(op, x, x.dtype()) : x.copy();
  }

  private static Tensor noBool(String name, Tensor x) {
    if (x.dtype().isBool()) throw new IllegalArgumentException(name + ": not implemented for bool tensors");
    return x;
  }
}

package io.jgrad.tensor.spi;

/**
 * Elementwise functions of one input. Parameters travel as {@code args} to
 * {@link Backend#unary}: {@code LEAKY_RELU(slope)}, {@code ELU(alpha)}, {@code SOFTPLUS(beta,
 * threshold)}, {@code CLAMP(min, max)} (NaN = no bound), {@code POW_SCALAR(exponent)},
 * {@code NAN_TO_NUM(nan, posinf, neginf)}. Output dtype: BOOL for ISNAN/ISINF/LOGICAL_NOT/
 * ISFINITE, otherwise the input's (the tensor layer casts ints to float first where needed).
 */
public enum UnaryOp {
  NEG, ABS, SIGN, EXP, EXPM1, LOG, LOG1P, LOG2, SQRT, RSQRT, RECIPROCAL,
  SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH,
  SIGMOID, LOG_SIGMOID, SOFTPLUS, RELU, LEAKY_RELU, ELU, GELU, GELU_TANH, SILU, ERF, ERFC,
  FLOOR, CEIL, ROUND, TRUNC, CLAMP, POW_SCALAR, NAN_TO_NUM,
  LOGICAL_NOT, ISNAN, ISINF, ISFINITE;

  /** True when the result is BOOL whatever the input dtype. */
  public boolean isPredicate() {
    return this == LOGICAL_NOT || this == ISNAN || this == ISINF || this == ISFINITE;
  }
}

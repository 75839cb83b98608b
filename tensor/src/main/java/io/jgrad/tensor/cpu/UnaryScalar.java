package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Scalar reference of every unary op: the strided path, the tails of the vector kernels, and
 * the oracle of the differential tests. Floating ops compute in double (float32 results are
 * rounded once at the store). Conventions follow PyTorch 1.13: sign(NaN) = 0, relu keeps -0
 * and NaN, round is half to even.
 */
final class UnaryScalar {
  static final double SQRT1_2 = 0.70710678118654752440;
  static final double SQRT_2_OVER_PI = 0.79788456080286535588;
  static final double LN2_INV = 1.44269504088896340736;

  private UnaryScalar() {}

  /** The function of a floating op; predicates return 1 or 0. */
  static DoubleUnaryOperator fn(UnaryOp op, double[] args) {
    return switch (op) {
      case NEG -> v -> -v;
      case ABS -> Math::abs;
      case SIGN -> v -> v > 0 ? 1 : v < 0 ? -1 : 0;
      case EXP -> Math::exp;
      case EXPM1 -> Math::expm1;
      case LOG -> Math::log;
      case LOG1P -> Math::log1p;
      case LOG2 -> v -> Math.log(v) * LN2_INV;
      case SQRT -> Math::sqrt;
      case RSQRT -> v -> 1 / Math.sqrt(v);
      case RECIPROCAL -> v -> 1 / v;
      case SIN -> Math::sin;
      case COS -> Math::cos;
      case TAN -> Math::tan;
      case ASIN -> Math::asin;
      case ACOS -> Math::acos;
      case ATAN -> Math::atan;
      case SINH -> Math::sinh;
      case COSH -> Math::cosh;
      case TANH -> Math::tanh;
      case SIGMOID -> v -> 1 / (1 + Math.exp(-v));
      case LOG_SIGMOID -> v -> Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
      case SOFTPLUS -> softplus(args[0], args[1]);
      case RELU -> v -> v < 0 ? 0 : v;
      case LEAKY_RELU -> { double s = args[0]; yield v -> v > 0 ? v : v * s; }
      case ELU -> { double a = args[0]; yield v -> v > 0 ? v : a * Math.expm1(v); }
      case GELU -> v -> 0.5 * v * Erf.erfc(-v * SQRT1_2);
      case GELU_TANH -> v -> 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
      case SILU -> v -> v / (1 + Math.exp(-v));
      case ERF -> Erf::erf;
      case ERFC -> Erf::erfc;
      case FLOOR -> Math::floor;
      case CEIL -> Math::ceil;
      case ROUND -> Math::rint;
      case TRUNC -> v -> v < 0 ? Math.ceil(v) : Math.floor(v);
      case CLAMP -> clamp(args[0], args[1]);
      case POW_SCALAR -> powScalar(args[0]);
      case NAN_TO_NUM -> nanToNum(args[0], args[1], args[2]);
      case LOGICAL_NOT -> v -> v == 0 ? 1 : 0;
      case ISNAN -> v -> v != v ? 1 : 0;
      case ISINF -> v -> Double.isInfinite(v) ? 1 : 0;
      case ISFINITE -> v -> Double.isFinite(v) ? 1 : 0;
    };
  }

  /** torch computes x^0.5 as sqrt and x^-0.5 as rsqrt, so (-inf)^0.5 is NaN there, not Math.pow's inf. */
  private static DoubleUnaryOperator powScalar(double e) {
    if (e == 0.5) return Math::sqrt;
    if (e == -0.5) return v -> 1 / Math.sqrt(v);
    return v -> BinaryScalar.pow(v, e);
  }

  private static DoubleUnaryOperator softplus(double beta, double threshold) {
    return v -> v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta;
  }

  /** NaN bounds mean "no bound"; a NaN input stays NaN. min > max gives max, as torch. */
  private static DoubleUnaryOperator clamp(double min, double max) {
    double lo = Double.isNaN(min) ? Double.NEGATIVE_INFINITY : min;
    double hi = Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
    return v -> {
      double r = v < lo ? lo : v;
      return r > hi ? hi : r;
    };
  }

  private static DoubleUnaryOperator nanToNum(double nan, double posinf, double neginf) {
    return v -> v != v ? nan : v == Double.POSITIVE_INFINITY ? posinf : v == Double.NEGATIVE_INFINITY ? neginf : v;
  }

  /**
   * The function of an op on integers or bools (held in a long; INT32 wraps at the store).
   * Float-only ops never reach here: the tensor layer casts their inputs to a float dtype.
   */
  static LongUnaryOperator integral(UnaryOp op, double[] args) {
    return switch (op) {
      case NEG -> v -> -v;
      case ABS -> Math::abs;
      case SIGN -> Long::signum;
      case RELU -> v -> Math.max(v, 0);
      case FLOOR, CEIL, ROUND, TRUNC, NAN_TO_NUM -> v -> v;
      case CLAMP -> {
        long lo = Double.isNaN(args[0]) ? Long.MIN_VALUE : (long) args[0];
        long hi = Double.isNaN(args[1]) ? Long.MAX_VALUE : (long) args[1];
        yield v -> Math.min(Math.max(v, lo), hi);
      }
      case POW_SCALAR -> { long e = (long) args[0]; yield v -> BinaryScalar.ipow(v, e); }
      case LOGICAL_NOT -> v -> v == 0 ? 1 : 0;
      case ISNAN, ISINF -> v -> 0;
      case ISFINITE -> v -> 1;
      default -> throw new IllegalArgumentException(op + " is not defined on integer tensors");
    };
  }
}

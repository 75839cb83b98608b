package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.BinaryOp;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Scalar reference of every binary op (strided path, vector tails, test oracle). Floating ops
 * compute in double; comparisons and logical ops return 1 or 0. PyTorch conventions: remainder
 * takes the divisor's sign, maximum/minimum propagate NaN, logical ops treat NaN as true.
 */
final class BinaryScalar {
  private BinaryScalar() {}

  static DoubleBinaryOperator fn(BinaryOp op) {
    return switch (op) {
      case ADD -> Double::sum;
      case SUB -> (a, b) -> a - b;
      case MUL -> (a, b) -> a * b;
      case DIV -> (a, b) -> a / b;
      case REMAINDER -> BinaryScalar::remainder;
      case POW -> BinaryScalar::pow;
      case ATAN2 -> Math::atan2;
      case MAXIMUM -> Math::max;
      case MINIMUM -> Math::min;
      case EQ -> (a, b) -> a == b ? 1 : 0;
      case NE -> (a, b) -> a != b ? 1 : 0;
      case LT -> (a, b) -> a < b ? 1 : 0;
      case LE -> (a, b) -> a <= b ? 1 : 0;
      case GT -> (a, b) -> a > b ? 1 : 0;
      case GE -> (a, b) -> a >= b ? 1 : 0;
      case LOGICAL_AND -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
      case LOGICAL_OR -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
      case LOGICAL_XOR -> (a, b) -> (a != 0) != (b != 0) ? 1 : 0;
    };
  }

  /** Math.pow, except 1^y = 1 for every y (NaN included) as in C99 and torch. */
  /** Math.pow with C99's (and torch's) 1^y = 1 (also for NaN y) and (-1)^(+-inf) = 1. */
  static double pow(double a, double b) { return a == 1 || (a == -1 && Double.isInfinite(b)) ? 1 : Math.pow(a, b); }

  /** Python's a mod b: fmod, moved into the divisor's sign. */
  static double remainder(double a, double b) {
    double r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
  }

  /**
   * The op on integers or bools held in longs (INT32 wraps at the store, which keeps the low
   * bits of add/sub/mul/pow exactly as 32-bit arithmetic would).
   */
  static LongBinaryOperator integral(BinaryOp op) {
    return switch (op) {
      case ADD -> Long::sum;
      case SUB -> (a, b) -> a - b;
      case MUL -> (a, b) -> a * b;
      case REMAINDER -> BinaryScalar::remainder;
      case POW -> BinaryScalar::ipow;
      case MAXIMUM -> Math::max;
      case MINIMUM -> Math::min;
      case EQ -> (a, b) -> a == b ? 1 : 0;
      case NE -> (a, b) -> a != b ? 1 : 0;
      case LT -> (a, b) -> a < b ? 1 : 0;
      case LE -> (a, b) -> a <= b ? 1 : 0;
      case GT -> (a, b) -> a > b ? 1 : 0;
      case GE -> (a, b) -> a >= b ? 1 : 0;
      case LOGICAL_AND -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
      case LOGICAL_OR -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
      case LOGICAL_XOR -> (a, b) -> (a != 0) != (b != 0) ? 1 : 0;
      case DIV, ATAN2 -> throw new IllegalArgumentException(op + " is computed in floating point, not on integers");
    };
  }

  static long remainder(long a, long b) {
    if (b == 0) throw new IllegalArgumentException("remainder: ZeroDivisionError (integer remainder by zero)");
    long r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
  }

  /**
   * Integer power by squaring, wrapping on overflow. A negative exponent gives the integer
   * part of 1/a^|e| as torch does for tensor exponents: 1 for a = 1, +-1 for a = -1, else 0.
   */
  static long ipow(long a, long e) {
    if (e < 0) {
      if (a == 1) return 1;
      if (a == -1) return (e & 1) == 0 ? 1 : -1;
      return 0;
    }
    long r = 1;
    while (e > 0) {
      if ((e & 1) != 0) r *= a;
      a *= a;
      e >>= 1;
    }
    return r;
  }
}

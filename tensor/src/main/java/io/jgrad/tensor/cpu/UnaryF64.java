package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the unary ops on contiguous FLOAT64 rows, computed in float64. Each op
 * has its own loop (one method per variant keeps C2's profile clean, PERF.md); the tail runs the
 * scalar twin from {@link UnaryScalar}. Ops without a vector form (erf, floor, ...) return false
 * and take the scalar path. UnaryF32 is the same file for FLOAT32.
 */
final class UnaryF64 {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private UnaryF64() {}

  /** out[oo..oo+n) = op(x[xo..xo+n)); false when op has no vector kernel. */
  static boolean row(UnaryOp op, double[] x, int xo, double[] o, int oo, int n, double[] a, DoubleUnaryOperator f) {
    int i = switch (op) {
      case NEG -> neg(x, xo, o, oo, n);
      case ABS -> abs(x, xo, o, oo, n);
      case EXP -> exp(x, xo, o, oo, n);
      case EXPM1 -> expm1(x, xo, o, oo, n);
      case LOG -> log(x, xo, o, oo, n);
      case LOG1P -> log1p(x, xo, o, oo, n);
      case LOG2 -> log2(x, xo, o, oo, n);
      case SQRT -> sqrt(x, xo, o, oo, n);
      case RSQRT -> rsqrt(x, xo, o, oo, n);
      case RECIPROCAL -> reciprocal(x, xo, o, oo, n);
      case SIN -> sin(x, xo, o, oo, n);
      case COS -> cos(x, xo, o, oo, n);
      case TAN -> tan(x, xo, o, oo, n);
      case ASIN -> asin(x, xo, o, oo, n);
      case ACOS -> acos(x, xo, o, oo, n);
      case ATAN -> atan(x, xo, o, oo, n);
      case SINH -> sinh(x, xo, o, oo, n);
      case COSH -> cosh(x, xo, o, oo, n);
      case TANH -> tanh(x, xo, o, oo, n);
      case SIGMOID -> sigmoid(x, xo, o, oo, n);
      case SILU -> silu(x, xo, o, oo, n);
      case LOG_SIGMOID -> logSigmoid(x, xo, o, oo, n);
      case RELU -> relu(x, xo, o, oo, n);
      case LEAKY_RELU -> leakyRelu(x, xo, o, oo, n, a[0]);
      case ELU -> elu(x, xo, o, oo, n, a[0]);
      case SOFTPLUS -> softplus(x, xo, o, oo, n, a[0], a[1]);
      case GELU_TANH -> geluTanh(x, xo, o, oo, n);
      case CLAMP -> clamp(x, xo, o, oo, n, a[0], a[1]);
      default -> -1;
    };
    if (i < 0) return false;
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(x[xo + i]);
    return true;
  }

  private static DoubleVector v(double[] x, int i) { return DoubleVector.fromArray(S, x, i); }

  private static int neg(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int exp(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(EXP).intoArray(o, oo + i);
    return i;
  }

  private static int expm1(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(EXPM1).intoArray(o, oo + i);
    return i;
  }

  private static int log(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG).intoArray(o, oo + i);
    return i;
  }

  private static int log1p(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG1P).intoArray(o, oo + i);
    return i;
  }

  private static int log2(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    double k = UnaryScalar.LN2_INV;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG).mul(k).intoArray(o, oo + i);
    return i;
  }

  private static int sqrt(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int rsqrt(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(v(x, xo + i).sqrt()).intoArray(o, oo + i);
    return i;
  }

  private static int reciprocal(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(v(x, xo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int sin(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(SIN).intoArray(o, oo + i);
    return i;
  }

  private static int cos(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(COS).intoArray(o, oo + i);
    return i;
  }

  private static int tan(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(TAN).intoArray(o, oo + i);
    return i;
  }

  private static int asin(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ASIN).intoArray(o, oo + i);
    return i;
  }

  private static int acos(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ACOS).intoArray(o, oo + i);
    return i;
  }

  private static int atan(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ATAN).intoArray(o, oo + i);
    return i;
  }

  private static int sinh(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(SINH).intoArray(o, oo + i);
    return i;
  }

  private static int cosh(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(COSH).intoArray(o, oo + i);
    return i;
  }

  private static int tanh(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(TANH).intoArray(o, oo + i);
    return i;
  }

  /** 1 / (1 + e^-x): e^-x overflowing to inf gives exactly 0, so no NaN for large |x|. */
  private static int sigmoid(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      one.div(one.add(v(x, xo + i).neg().lanewise(EXP))).intoArray(o, oo + i);
    }
    return i;
  }

  private static int silu(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.div(one.add(xv.neg().lanewise(EXP))).intoArray(o, oo + i);
    }
    return i;
  }

  /** min(x, 0) - log1p(e^-|x|): the exponent is never positive. */
  private static int logSigmoid(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.min(0).sub(xv.abs().neg().lanewise(EXP).lanewise(LOG1P)).intoArray(o, oo + i);
    }
    return i;
  }

  /** Blend rather than max, so -0 and NaN pass through as in the scalar twin. */
  private static int relu(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector zero = DoubleVector.zero(S);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.blend(zero, xv.compare(LT, 0)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int leakyRelu(double[] x, int xo, double[] o, int oo, int n, double slope) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.mul(slope).blend(xv, xv.compare(GT, 0)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int elu(double[] x, int xo, double[] o, int oo, int n, double alpha) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.lanewise(EXPM1).mul(alpha).blend(xv, xv.compare(GT, 0)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int softplus(double[] x, int xo, double[] o, int oo, int n, double beta, double threshold) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i), bx = xv.mul(beta);
      VectorMask<Double> linear = bx.compare(GT, threshold);
      bx.lanewise(EXP).lanewise(LOG1P).div(beta).blend(xv, linear).intoArray(o, oo + i);
    }
    return i;
  }

  private static int geluTanh(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    double c = UnaryScalar.SQRT_2_OVER_PI;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      DoubleVector inner = xv.mul(xv).mul(xv).mul(0.044715).add(xv).mul(c);
      xv.mul(0.5).mul(one.add(inner.lanewise(TANH))).intoArray(o, oo + i);
    }
    return i;
  }

  /** NaN bounds are open; comparisons (not max/min) keep a NaN input NaN. */
  private static int clamp(double[] x, int xo, double[] o, int oo, int n, double min, double max) {
    int i = 0;
    double lo = Double.isNaN(min) ? Double.NEGATIVE_INFINITY : min;
    double hi = Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
    DoubleVector lov = DoubleVector.broadcast(S, lo), hiv = DoubleVector.broadcast(S, hi);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      DoubleVector r = xv.blend(lov, xv.compare(LT, lo));
      r.blend(hiv, r.compare(GT, hi)).intoArray(o, oo + i);
    }
    return i;
  }
}

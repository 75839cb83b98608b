package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the unary ops on contiguous FLOAT32 rows, computed in float32. Each op
 * has its own loop (one method per variant keeps C2's profile clean, PERF.md); the tail runs the
 * scalar twin from {@link UnaryScalar}. Ops without a vector form (erf, floor, ...) return false
 * and take the scalar path. UnaryF64 is the same file for FLOAT64.
 */
final class UnaryF32 {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private UnaryF32() {}

  /** out[oo..oo+n) = op(x[xo..xo+n)); false when op has no vector kernel. */
  static boolean row(UnaryOp op, float[] x, int xo, float[] o, int oo, int n, double[] a, DoubleUnaryOperator f) {
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
      case LEAKY_RELU -> leakyRelu(x, xo, o, oo, n, (float) a[0]);
      case ELU -> elu(x, xo, o, oo, n, (float) a[0]);
      case SOFTPLUS -> softplus(x, xo, o, oo, n, (float) a[0], (float) a[1]);
      case GELU_TANH -> geluTanh(x, xo, o, oo, n);
      case CLAMP -> clamp(x, xo, o, oo, n, a[0], a[1]);
      default -> -1;
    };
    if (i < 0) return false;
    for (; i < n; i++) o[oo + i] = (float) f.applyAsDouble(x[xo + i]);
    return true;
  }

  private static FloatVector v(float[] x, int i) { return FloatVector.fromArray(S, x, i); }

  private static int neg(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int exp(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(EXP).intoArray(o, oo + i);
    return i;
  }

  private static int expm1(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(EXPM1).intoArray(o, oo + i);
    return i;
  }

  private static int log(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG).intoArray(o, oo + i);
    return i;
  }

  private static int log1p(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG1P).intoArray(o, oo + i);
    return i;
  }

  private static int log2(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    float k = (float) UnaryScalar.LN2_INV;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(LOG).mul(k).intoArray(o, oo + i);
    return i;
  }

  private static int sqrt(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int rsqrt(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(v(x, xo + i).sqrt()).intoArray(o, oo + i);
    return i;
  }

  private static int reciprocal(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(v(x, xo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int sin(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(SIN).intoArray(o, oo + i);
    return i;
  }

  private static int cos(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(COS).intoArray(o, oo + i);
    return i;
  }

  private static int tan(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(TAN).intoArray(o, oo + i);
    return i;
  }

  private static int asin(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ASIN).intoArray(o, oo + i);
    return i;
  }

  private static int acos(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ACOS).intoArray(o, oo + i);
    return i;
  }

  private static int atan(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(ATAN).intoArray(o, oo + i);
    return i;
  }

  private static int sinh(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(SINH).intoArray(o, oo + i);
    return i;
  }

  private static int cosh(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(COSH).intoArray(o, oo + i);
    return i;
  }

  private static int tanh(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) v(x, xo + i).lanewise(TANH).intoArray(o, oo + i);
    return i;
  }

  /** 1 / (1 + e^-x): e^-x overflowing to inf gives exactly 0, so no NaN for large |x|. */
  private static int sigmoid(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      one.div(one.add(v(x, xo + i).neg().lanewise(EXP))).intoArray(o, oo + i);
    }
    return i;
  }

  private static int silu(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      xv.div(one.add(xv.neg().lanewise(EXP))).intoArray(o, oo + i);
    }
    return i;
  }

  /** min(x, 0) - log1p(e^-|x|): the exponent is never positive. */
  private static int logSigmoid(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      xv.min(0f).sub(xv.abs().neg().lanewise(EXP).lanewise(LOG1P)).intoArray(o, oo + i);
    }
    return i;
  }

  /** Blend rather than max, so -0 and NaN pass through as in the scalar twin. */
  private static int relu(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      xv.blend(zero, xv.compare(LT, 0f)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int leakyRelu(float[] x, int xo, float[] o, int oo, int n, float slope) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      xv.mul(slope).blend(xv, xv.compare(GT, 0f)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int elu(float[] x, int xo, float[] o, int oo, int n, float alpha) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      xv.lanewise(EXPM1).mul(alpha).blend(xv, xv.compare(GT, 0f)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int softplus(float[] x, int xo, float[] o, int oo, int n, float beta, float threshold) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i), bx = xv.mul(beta);
      VectorMask<Float> linear = bx.compare(GT, threshold);
      bx.lanewise(EXP).lanewise(LOG1P).div(beta).blend(xv, linear).intoArray(o, oo + i);
    }
    return i;
  }

  private static int geluTanh(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    float c = (float) UnaryScalar.SQRT_2_OVER_PI;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      FloatVector inner = xv.mul(xv).mul(xv).mul(0.044715f).add(xv).mul(c);
      xv.mul(0.5f).mul(one.add(inner.lanewise(TANH))).intoArray(o, oo + i);
    }
    return i;
  }

  /** NaN bounds are open; comparisons (not max/min) keep a NaN input NaN. */
  private static int clamp(float[] x, int xo, float[] o, int oo, int n, double min, double max) {
    int i = 0;
    float lo = Double.isNaN(min) ? Float.NEGATIVE_INFINITY : (float) min;
    float hi = Double.isNaN(max) ? Float.POSITIVE_INFINITY : (float) max;
    FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = v(x, xo + i);
      FloatVector r = xv.blend(lov, xv.compare(LT, lo));
      r.blend(hiv, r.compare(GT, hi)).intoArray(o, oo + i);
    }
    return i;
  }
}

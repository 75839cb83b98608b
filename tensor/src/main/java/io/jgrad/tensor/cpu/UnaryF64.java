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
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length();

  private UnaryF64() {}

  /** One row loop; kernels sit behind a table so each is compiled on its own (see {@link #KERNELS}). */
  @FunctionalInterface
  interface Kernel {
    int run(double[] x, int xo, double[] o, int oo, int n, double[] a);
  }

  /**
   * Indexed by op. A megamorphic call through this table keeps C2 from inlining every hot
   * kernel into one dispatcher, where the inlining budget ran out and later kernels lost their
   * vector intrinsics (f64 sqrt ran 100x slower after eight other ops had been used).
   */
  private static final Kernel[] KERNELS = kernels();

  private static Kernel[] kernels() {
    Kernel[] k = new Kernel[UnaryOp.values().length];
    k[UnaryOp.NEG.ordinal()] = (x, xo, o, oo, n, a) -> neg(x, xo, o, oo, n);
    k[UnaryOp.ABS.ordinal()] = (x, xo, o, oo, n, a) -> abs(x, xo, o, oo, n);
    k[UnaryOp.EXP.ordinal()] = (x, xo, o, oo, n, a) -> exp(x, xo, o, oo, n);
    k[UnaryOp.EXPM1.ordinal()] = (x, xo, o, oo, n, a) -> expm1(x, xo, o, oo, n);
    k[UnaryOp.LOG.ordinal()] = (x, xo, o, oo, n, a) -> log(x, xo, o, oo, n);
    k[UnaryOp.LOG1P.ordinal()] = (x, xo, o, oo, n, a) -> log1p(x, xo, o, oo, n);
    k[UnaryOp.LOG2.ordinal()] = (x, xo, o, oo, n, a) -> log2(x, xo, o, oo, n);
    k[UnaryOp.SQRT.ordinal()] = (x, xo, o, oo, n, a) -> sqrt(x, xo, o, oo, n);
    k[UnaryOp.RSQRT.ordinal()] = (x, xo, o, oo, n, a) -> rsqrt(x, xo, o, oo, n);
    k[UnaryOp.RECIPROCAL.ordinal()] = (x, xo, o, oo, n, a) -> reciprocal(x, xo, o, oo, n);
    k[UnaryOp.SIN.ordinal()] = (x, xo, o, oo, n, a) -> sin(x, xo, o, oo, n);
    k[UnaryOp.COS.ordinal()] = (x, xo, o, oo, n, a) -> cos(x, xo, o, oo, n);
    k[UnaryOp.TAN.ordinal()] = (x, xo, o, oo, n, a) -> tan(x, xo, o, oo, n);
    k[UnaryOp.ASIN.ordinal()] = (x, xo, o, oo, n, a) -> asin(x, xo, o, oo, n);
    k[UnaryOp.ACOS.ordinal()] = (x, xo, o, oo, n, a) -> acos(x, xo, o, oo, n);
    k[UnaryOp.ATAN.ordinal()] = (x, xo, o, oo, n, a) -> atan(x, xo, o, oo, n);
    k[UnaryOp.SINH.ordinal()] = (x, xo, o, oo, n, a) -> sinh(x, xo, o, oo, n);
    k[UnaryOp.COSH.ordinal()] = (x, xo, o, oo, n, a) -> cosh(x, xo, o, oo, n);
    k[UnaryOp.TANH.ordinal()] = (x, xo, o, oo, n, a) -> tanh(x, xo, o, oo, n);
    k[UnaryOp.SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> sigmoid(x, xo, o, oo, n);
    k[UnaryOp.SILU.ordinal()] = (x, xo, o, oo, n, a) -> silu(x, xo, o, oo, n);
    k[UnaryOp.LOG_SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> logSigmoid(x, xo, o, oo, n);
    k[UnaryOp.RELU.ordinal()] = (x, xo, o, oo, n, a) -> relu(x, xo, o, oo, n);
    k[UnaryOp.LEAKY_RELU.ordinal()] = (x, xo, o, oo, n, a) -> leakyRelu(x, xo, o, oo, n, a[0]);
    k[UnaryOp.ELU.ordinal()] = (x, xo, o, oo, n, a) -> elu(x, xo, o, oo, n, a[0]);
    k[UnaryOp.SOFTPLUS.ordinal()] = (x, xo, o, oo, n, a) -> softplus(x, xo, o, oo, n, a[0], a[1]);
    k[UnaryOp.GELU_TANH.ordinal()] = (x, xo, o, oo, n, a) -> geluTanh(x, xo, o, oo, n);
    k[UnaryOp.ERF.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.erf(x, xo, o, oo, n);
    k[UnaryOp.ERFC.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.erfc(x, xo, o, oo, n);
    k[UnaryOp.GELU.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.gelu(x, xo, o, oo, n);
    k[UnaryOp.POW_SCALAR.ordinal()] = (x, xo, o, oo, n, a) -> powScalar(x, xo, o, oo, n, a[0]);
    k[UnaryOp.CLAMP.ordinal()] = (x, xo, o, oo, n, a) -> clamp(x, xo, o, oo, n, a[0], a[1]);
    return k;
  }

  /** out[oo..oo+n) = op(x[xo..xo+n)); false when op has no vector kernel. */
  static boolean row(UnaryOp op, double[] x, int xo, double[] o, int oo, int n, double[] a, DoubleUnaryOperator f) {
    Kernel k = KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(x, xo, o, oo, n, a);
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

  /**
   * tanh|x| = -t / (t + 2) with t = expm1(-2|x|) in (-1, 0]: no overflow, no cancellation near
   * 0, and 3-10x faster than lanewise(TANH), which is not intrinsified for every species.
   */
  private static int tanh(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      DoubleVector t = xv.abs().mul(-2).lanewise(EXPM1);
      DoubleVector r = t.neg().div(t.add(2));
      r.blend(r.neg(), xv.compare(LT, 0)).intoArray(o, oo + i);
    }
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
      DoubleVector t = inner.abs().mul(-2).lanewise(EXPM1);
      DoubleVector th = t.neg().div(t.add(2));
      th = th.blend(th.neg(), inner.compare(LT, 0));
      xv.mul(0.5).mul(one.add(th)).intoArray(o, oo + i);
    }
    return i;
  }

  /** x^e with torch's shortcuts (e = 2 squares, e = +-0.5 is (r)sqrt); 1^e = 1 even for NaN e. */
  private static int powScalar(double[] x, int xo, double[] o, int oo, int n, double e) {
    if (e == 2) return square(x, xo, o, oo, n);
    if (e == 0.5) return sqrt(x, xo, o, oo, n);
    if (e == -0.5) return rsqrt(x, xo, o, oo, n);
    int i = 0;
    double ef = e;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    boolean infinite = Double.isInfinite(e);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      VectorMask<Double> unit = infinite ? xv.compare(EQ, 1).or(xv.compare(EQ, -1)) : xv.compare(EQ, 1);
      xv.lanewise(POW, ef).blend(one, unit).intoArray(o, oo + i);
    }
    return i;
  }

  private static int square(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = v(x, xo + i);
      xv.mul(xv).intoArray(o, oo + i);
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

package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the unary ops on contiguous FLOAT64 rows, computed in float64. Each op
 * has its own loop over whole vectors (one method per variant keeps C2's profile clean,
 * PERF.md); the last partial vector is copied into a per-thread pad, run through the same
 * loop and copied back, so every element gets the same bits whatever its position and
 * whether or not C2 has compiled the kernel. Transcendentals use {@link VectorMathF64}
 * (IEEE operations only), never the Vector API's EXP/LOG/... operators, whose compiled (SVML)
 * and interpreted ({@code Math}) forms differ in the last ulp; the ops built on them (sigmoid,
 * tanh, ...) are in {@link UnaryExpF64}. Ops without a vector form (trigonometric, floor, pow
 * with a general exponent, ...) return false and take the scalar path of {@link UnaryScalar}.
 * UnaryF32 is the same file for FLOAT32.
 */
final class UnaryF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length();

  private UnaryF64() {}

  /**
   * One row loop over whole vectors: returns the elements done (a multiple of the lane count),
   * or -1 when these arguments have no vector form. Kernels sit behind a table so each is
   * compiled on its own (see {@link #KERNELS}).
   */
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
    k[UnaryOp.SINH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.sinh(x, xo, o, oo, n);
    k[UnaryOp.COSH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.cosh(x, xo, o, oo, n);
    k[UnaryOp.TANH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.tanh(x, xo, o, oo, n);
    k[UnaryOp.SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.sigmoid(x, xo, o, oo, n);
    k[UnaryOp.SILU.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.silu(x, xo, o, oo, n);
    k[UnaryOp.LOG_SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.logSigmoid(x, xo, o, oo, n);
    k[UnaryOp.RELU.ordinal()] = (x, xo, o, oo, n, a) -> relu(x, xo, o, oo, n);
    k[UnaryOp.LEAKY_RELU.ordinal()] = (x, xo, o, oo, n, a) -> leakyRelu(x, xo, o, oo, n, a[0]);
    k[UnaryOp.ELU.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.elu(x, xo, o, oo, n, a[0]);
    k[UnaryOp.SOFTPLUS.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.softplus(x, xo, o, oo, n, a[0], a[1]);
    k[UnaryOp.GELU_TANH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF64.geluTanh(x, xo, o, oo, n);
    k[UnaryOp.ERF.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.erf(x, xo, o, oo, n);
    k[UnaryOp.ERFC.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.erfc(x, xo, o, oo, n);
    k[UnaryOp.GELU.ordinal()] = (x, xo, o, oo, n, a) -> ErfF64.gelu(x, xo, o, oo, n);
    k[UnaryOp.POW_SCALAR.ordinal()] = (x, xo, o, oo, n, a) -> powScalar(x, xo, o, oo, n, a[0]);
    k[UnaryOp.CLAMP.ordinal()] = (x, xo, o, oo, n, a) -> clamp(x, xo, o, oo, n, a[0], a[1]);
    return k;
  }

  /**
   * out[oo..oo+n) = op(x[xo..xo+n)); false when op has no vector kernel (then nothing is
   * written). {@code f}, the scalar twin, is not used: the tail runs the vector loop on a pad.
   */
  static boolean row(UnaryOp op, double[] x, int xo, double[] o, int oo, int n, double[] a, DoubleUnaryOperator f) {
    Kernel k = KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(x, xo, o, oo, n, a);
    if (i < 0) return false;
    if (i < n) {
      double[] p = ThreadScratch.padF64();
      int rest = n - i;
      System.arraycopy(x, xo + i, p, 0, rest);
      java.util.Arrays.fill(p, rest, L, 0.0);
      k.run(p, 0, p, L, L, a);
      System.arraycopy(p, L, o, oo + i, rest);
    }
    return true;
  }

  private static int neg(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) DoubleVector.fromArray(S, x, xo + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) DoubleVector.fromArray(S, x, xo + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int exp(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF64.exp(x, xo, o, oo, done);
    return done;
  }

  private static int expm1(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF64.expm1(x, xo, o, oo, done);
    return done;
  }

  private static int log(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF64.log(x, xo, o, oo, done);
    return done;
  }

  private static int log1p(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF64.log1p(x, xo, o, oo, done);
    return done;
  }

  private static int log2(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF64.log(x, xo, o, oo, done);
    double k = UnaryScalar.LN2_INV;
    for (int i = 0; i < done; i += L) DoubleVector.fromArray(S, o, oo + i).mul(k).intoArray(o, oo + i);
    return done;
  }

  private static int sqrt(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) DoubleVector.fromArray(S, x, xo + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int rsqrt(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(DoubleVector.fromArray(S, x, xo + i).sqrt()).intoArray(o, oo + i);
    return i;
  }

  private static int reciprocal(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(DoubleVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
    return i;
  }

  /** Blend rather than max, so -0 and NaN pass through as in the scalar twin. */
  private static int relu(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector zero = DoubleVector.zero(S);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      xv.blend(zero, xv.compare(LT, 0)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int leakyRelu(double[] x, int xo, double[] o, int oo, int n, double slope) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      xv.mul(slope).blend(xv, xv.compare(GT, 0)).intoArray(o, oo + i);
    }
    return i;
  }

  /**
   * x^e for the exponents ATen special-cases (pow_tensor_scalar_optimized_kernel): 2 and 3 as
   * products, 0.5 and -0.5 as (r)sqrt, -1 and -2 as reciprocals; -1 (no vector form) otherwise,
   * so a general exponent runs the scalar {@code Math.pow}.
   */
  private static int powScalar(double[] x, int xo, double[] o, int oo, int n, double e) {
    if (e == 2) return square(x, xo, o, oo, n);
    if (e == 0.5) return sqrt(x, xo, o, oo, n);
    if (e == -0.5) return rsqrt(x, xo, o, oo, n);
    if (e == -1) return reciprocal(x, xo, o, oo, n);
    if (e != 3 && e != -2) return -1;
    int i = 0;
    if (e == 3) {
      for (int b = S.loopBound(n); i < b; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
        xv.mul(xv).mul(xv).intoArray(o, oo + i);
      }
      return i;
    }
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      one.div(xv.mul(xv)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int square(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
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
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      DoubleVector r = xv.blend(lov, xv.compare(LT, lo));
      r.blend(hiv, r.compare(GT, hi)).intoArray(o, oo + i);
    }
    return i;
  }
}

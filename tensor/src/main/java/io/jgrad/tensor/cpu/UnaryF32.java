package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the unary ops on contiguous FLOAT32 rows, computed in float32. Each op
 * has its own loop over whole vectors (one method per variant keeps C2's profile clean,
 * PERF.md); the last partial vector is copied into a per-thread pad, run through the same
 * loop and copied back, so every element gets the same bits whatever its position and
 * whether or not C2 has compiled the kernel. Transcendentals use {@link VectorMathF32}
 * (IEEE operations only), never the Vector API's EXP/LOG/... operators, whose compiled (SVML)
 * and interpreted ({@code Math}) forms differ in the last ulp; the ops built on them (sigmoid,
 * tanh, ...) are in {@link UnaryExpF32}. Ops without a vector form (trigonometric, floor, pow
 * with a general exponent, ...) return false and take the scalar path of {@link UnaryScalar}.
 * UnaryF64 is the same file for FLOAT64.
 */
final class UnaryF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length();

  private UnaryF32() {}

  /**
   * One row loop over whole vectors: returns the elements done (a multiple of the lane count),
   * or -1 when these arguments have no vector form. Kernels sit behind a table so each is
   * compiled on its own (see {@link #KERNELS}).
   */
  @FunctionalInterface
  interface Kernel {
    int run(float[] x, int xo, float[] o, int oo, int n, double[] a);
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
    k[UnaryOp.SINH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.sinh(x, xo, o, oo, n);
    k[UnaryOp.COSH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.cosh(x, xo, o, oo, n);
    k[UnaryOp.TANH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.tanh(x, xo, o, oo, n);
    k[UnaryOp.SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.sigmoid(x, xo, o, oo, n);
    k[UnaryOp.SILU.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.silu(x, xo, o, oo, n);
    k[UnaryOp.LOG_SIGMOID.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.logSigmoid(x, xo, o, oo, n);
    k[UnaryOp.RELU.ordinal()] = (x, xo, o, oo, n, a) -> relu(x, xo, o, oo, n);
    k[UnaryOp.LEAKY_RELU.ordinal()] = (x, xo, o, oo, n, a) -> leakyRelu(x, xo, o, oo, n, (float) a[0]);
    k[UnaryOp.ELU.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.elu(x, xo, o, oo, n, (float) a[0]);
    k[UnaryOp.SOFTPLUS.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.softplus(x, xo, o, oo, n, (float) a[0], (float) a[1]);
    k[UnaryOp.GELU_TANH.ordinal()] = (x, xo, o, oo, n, a) -> UnaryExpF32.geluTanh(x, xo, o, oo, n);
    k[UnaryOp.ERF.ordinal()] = (x, xo, o, oo, n, a) -> ErfF32.erf(x, xo, o, oo, n);
    k[UnaryOp.ERFC.ordinal()] = (x, xo, o, oo, n, a) -> ErfF32.erfc(x, xo, o, oo, n);
    k[UnaryOp.GELU.ordinal()] = (x, xo, o, oo, n, a) -> ErfF32.gelu(x, xo, o, oo, n);
    k[UnaryOp.POW_SCALAR.ordinal()] = (x, xo, o, oo, n, a) -> powScalar(x, xo, o, oo, n, a[0]);
    k[UnaryOp.CLAMP.ordinal()] = (x, xo, o, oo, n, a) -> clamp(x, xo, o, oo, n, a[0], a[1]);
    return k;
  }

  /**
   * out[oo..oo+n) = op(x[xo..xo+n)); false when op has no vector kernel (then nothing is
   * written). {@code f}, the scalar twin, is not used: the tail runs the vector loop on a pad.
   */
  static boolean row(UnaryOp op, float[] x, int xo, float[] o, int oo, int n, double[] a, DoubleUnaryOperator f) {
    Kernel k = KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(x, xo, o, oo, n, a);
    if (i < 0) return false;
    if (i < n) {
      float[] p = ThreadScratch.padF32();
      int rest = n - i;
      System.arraycopy(x, xo + i, p, 0, rest);
      java.util.Arrays.fill(p, rest, L, 0f);
      k.run(p, 0, p, L, L, a);
      System.arraycopy(p, L, o, oo + i, rest);
    }
    return true;
  }

  private static int neg(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, x, xo + i).neg().intoArray(o, oo + i);
    return i;
  }

  private static int abs(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, x, xo + i).abs().intoArray(o, oo + i);
    return i;
  }

  private static int exp(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF32.exp(x, xo, o, oo, done);
    return done;
  }

  private static int expm1(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF32.expm1(x, xo, o, oo, done);
    return done;
  }

  private static int log(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF32.log(x, xo, o, oo, done);
    return done;
  }

  private static int log1p(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF32.log1p(x, xo, o, oo, done);
    return done;
  }

  private static int log2(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    VectorMathF32.log(x, xo, o, oo, done);
    float k = (float) UnaryScalar.LN2_INV;
    for (int i = 0; i < done; i += L) FloatVector.fromArray(S, o, oo + i).mul(k).intoArray(o, oo + i);
    return done;
  }

  private static int sqrt(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(o, oo + i);
    return i;
  }

  private static int rsqrt(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(FloatVector.fromArray(S, x, xo + i).sqrt()).intoArray(o, oo + i);
    return i;
  }

  private static int reciprocal(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) one.div(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
    return i;
  }

  /** Blend rather than max, so -0 and NaN pass through as in the scalar twin. */
  private static int relu(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      xv.blend(zero, xv.compare(LT, 0f)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int leakyRelu(float[] x, int xo, float[] o, int oo, int n, float slope) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      xv.mul(slope).blend(xv, xv.compare(GT, 0f)).intoArray(o, oo + i);
    }
    return i;
  }

  /**
   * x^e for the exponents ATen special-cases (pow_tensor_scalar_optimized_kernel): 2 and 3 as
   * products, 0.5 and -0.5 as (r)sqrt, -1 and -2 as reciprocals; -1 (no vector form) otherwise,
   * so a general exponent runs the scalar {@code Math.pow}.
   */
  private static int powScalar(float[] x, int xo, float[] o, int oo, int n, double e) {
    if (e == 2) return square(x, xo, o, oo, n);
    if (e == 0.5) return sqrt(x, xo, o, oo, n);
    if (e == -0.5) return rsqrt(x, xo, o, oo, n);
    if (e == -1) return reciprocal(x, xo, o, oo, n);
    if (e != 3 && e != -2) return -1;
    int i = 0;
    if (e == 3) {
      for (int b = S.loopBound(n); i < b; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + i);
        xv.mul(xv).mul(xv).intoArray(o, oo + i);
      }
      return i;
    }
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      one.div(xv.mul(xv)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int square(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      xv.mul(xv).intoArray(o, oo + i);
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
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      FloatVector r = xv.blend(lov, xv.compare(LT, lo));
      r.blend(hiv, r.compare(GT, hi)).intoArray(o, oo + i);
    }
    return i;
  }
}

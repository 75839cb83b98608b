package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 unary kernels built on exp, expm1, log1p ({@link VectorMathF32}): hyperbolic
 * functions, sigmoid and its relatives, elu, softplus, the tanh form of gelu. Each runs a row in
 * chunks of {@link ThreadScratch#CHUNK} elements and in passes over a per-thread chunk buffer
 * (the argument, the function, the combination), since a vector must never be handed to a
 * method (see VectorMathF32). Whole vectors only: {@link UnaryF32#row} runs the tail on a
 * pad. UnaryExpF64 is the same for float64.
 */
final class UnaryExpF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length(), CHUNK = ThreadScratch.CHUNK;

  private UnaryExpF32() {}

  /**
   * sinh x = sign(x) (t + t / (t + 1)) / 2 with t = expm1|x| (FDLIBM e_sinh.c), no cancellation
   * near 0; above |x| = 88, where t overflows before sinh does, (e^(|x|/2) / 2) e^(|x|/2).
   */
  static int sinh(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0), w = ThreadScratch.chunkF32(1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        FloatVector a = FloatVector.fromArray(S, x, xo + c + i).abs();
        a.intoArray(t, i);
        a.mul(0.5f).intoArray(w, i);
      }
      VectorMathF32.expm1(t, 0, t, 0, len);
      VectorMathF32.exp(w, 0, w, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i), a = xv.abs(), tv = FloatVector.fromArray(S, t, i), wv = FloatVector.fromArray(S, w, i);
        FloatVector h = tv.add(tv.div(tv.add(1f))).mul(0.5f).blend(wv.mul(0.5f).mul(wv), a.compare(GT, 88f));
        h.blend(h.neg(), xv.compare(LT, 0f)).blend(xv, a.compare(LT, 0x1p-12f)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** cosh x = (e^|x| + e^-|x|) / 2; above |x| = 88 (e^(|x|/2) / 2) e^(|x|/2), as in sinh. */
  static int cosh(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] e = ThreadScratch.chunkF32(0), w = ThreadScratch.chunkF32(1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        FloatVector a = FloatVector.fromArray(S, x, xo + c + i).abs();
        a.intoArray(e, i);
        a.mul(0.5f).intoArray(w, i);
      }
      VectorMathF32.exp(e, 0, e, 0, len);
      VectorMathF32.exp(w, 0, w, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector ev = FloatVector.fromArray(S, e, i), wv = FloatVector.fromArray(S, w, i);
        ev.add(FloatVector.broadcast(S, 1f).div(ev)).mul(0.5f).blend(wv.mul(0.5f).mul(wv), FloatVector.fromArray(S, x, xo + c + i).abs().compare(GT, 88f))
            .intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /**
   * tanh|x| = -t / (t + 2) with t = expm1(-2|x|) in (-1, 0]: no overflow, no cancellation near
   * 0, and faster than lanewise(TANH), which is not intrinsified for every species.
   */
  static int tanh(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).abs().mul(-2f).intoArray(t, i);
      VectorMathF32.expm1(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector tv = FloatVector.fromArray(S, t, i), r = tv.neg().div(tv.add(2f));
        r.blend(r.neg(), FloatVector.fromArray(S, x, xo + c + i).compare(LT, 0f)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** 1 / (1 + e^-x): e^-x overflowing to inf gives exactly 0, so no NaN for large |x|. */
  static int sigmoid(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).neg().intoArray(t, i);
      VectorMathF32.exp(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) one.div(one.add(FloatVector.fromArray(S, t, i))).intoArray(o, oo + c + i);
    }
    return done;
  }

  static int silu(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).neg().intoArray(t, i);
      VectorMathF32.exp(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).div(FloatVector.fromArray(S, t, i).add(1f)).intoArray(o, oo + c + i);
    }
    return done;
  }

  /** min(x, 0) - log1p(e^-|x|): the exponent is never positive. */
  static int logSigmoid(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).abs().neg().intoArray(t, i);
      VectorMathF32.exp(t, 0, t, 0, len);
      VectorMathF32.log1p(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).min(0f).sub(FloatVector.fromArray(S, t, i)).intoArray(o, oo + c + i);
    }
    return done;
  }

  static int elu(float[] x, int xo, float[] o, int oo, int n, float alpha) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      VectorMathF32.expm1(x, xo + c, t, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i);
        FloatVector.fromArray(S, t, i).mul(alpha).blend(xv, xv.compare(GT, 0f)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int softplus(float[] x, int xo, float[] o, int oo, int n, float beta, float threshold) {
    int done = S.loopBound(n);
    float[] t = ThreadScratch.chunkF32(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).mul(beta).intoArray(t, i);
      VectorMathF32.exp(t, 0, t, 0, len);
      VectorMathF32.log1p(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i);
        FloatVector.fromArray(S, t, i).div(beta).blend(xv, xv.mul(beta).compare(GT, threshold)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int geluTanh(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float k = (float) UnaryScalar.SQRT_2_OVER_PI;
    float[] t = ThreadScratch.chunkF32(0);
    FloatVector one = FloatVector.broadcast(S, 1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i);
        xv.mul(xv).mul(xv).mul(0.044715f).add(xv).mul(k).abs().mul(-2f).intoArray(t, i);
      }
      VectorMathF32.expm1(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i), tv = FloatVector.fromArray(S, t, i);
        FloatVector inner = xv.mul(xv).mul(xv).mul(0.044715f).add(xv).mul(k);
        FloatVector th = tv.neg().div(tv.add(2f));
        th = th.blend(th.neg(), inner.compare(LT, 0f));
        xv.mul(0.5f).mul(one.add(th)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }
}

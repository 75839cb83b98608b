package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 unary kernels built on exp, expm1, log1p ({@link VectorMathF64}): hyperbolic
 * functions, sigmoid and its relatives, elu, softplus, the tanh form of gelu. Each runs a row in
 * chunks of {@link ThreadScratch#CHUNK} elements and in passes over a per-thread chunk buffer
 * (the argument, the function, the combination), since a vector must never be handed to a
 * method (see VectorMathF64). Whole vectors only: {@link UnaryF64#row} runs the tail on a
 * pad. UnaryExpF32 is the same for float32.
 */
final class UnaryExpF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length(), CHUNK = ThreadScratch.CHUNK;

  private UnaryExpF64() {}

  /**
   * sinh x = sign(x) (t + t / (t + 1)) / 2 with t = expm1|x| (FDLIBM e_sinh.c), no cancellation
   * near 0; above |x| = 709, where t overflows before sinh does, (e^(|x|/2) / 2) e^(|x|/2).
   */
  static int sinh(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0), w = ThreadScratch.chunkF64(1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        DoubleVector a = DoubleVector.fromArray(S, x, xo + c + i).abs();
        a.intoArray(t, i);
        a.mul(0.5).intoArray(w, i);
      }
      VectorMathF64.expm1(t, 0, t, 0, len);
      VectorMathF64.exp(w, 0, w, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i), a = xv.abs(), tv = DoubleVector.fromArray(S, t, i), wv = DoubleVector.fromArray(S, w, i);
        DoubleVector h = tv.add(tv.div(tv.add(1))).mul(0.5).blend(wv.mul(0.5).mul(wv), a.compare(GT, 709));
        h.blend(h.neg(), xv.compare(LT, 0)).blend(xv, a.compare(LT, 0x1p-27)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** cosh x = (e^|x| + e^-|x|) / 2; above |x| = 709 (e^(|x|/2) / 2) e^(|x|/2), as in sinh. */
  static int cosh(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] e = ThreadScratch.chunkF64(0), w = ThreadScratch.chunkF64(1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        DoubleVector a = DoubleVector.fromArray(S, x, xo + c + i).abs();
        a.intoArray(e, i);
        a.mul(0.5).intoArray(w, i);
      }
      VectorMathF64.exp(e, 0, e, 0, len);
      VectorMathF64.exp(w, 0, w, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector ev = DoubleVector.fromArray(S, e, i), wv = DoubleVector.fromArray(S, w, i);
        ev.add(DoubleVector.broadcast(S, 1.0).div(ev)).mul(0.5).blend(wv.mul(0.5).mul(wv), DoubleVector.fromArray(S, x, xo + c + i).abs().compare(GT, 709))
            .intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /**
   * tanh|x| = -t / (t + 2) with t = expm1(-2|x|) in (-1, 0]: no overflow, no cancellation near
   * 0, and faster than lanewise(TANH), which is not intrinsified for every species.
   */
  static int tanh(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).abs().mul(-2).intoArray(t, i);
      VectorMathF64.expm1(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector tv = DoubleVector.fromArray(S, t, i), r = tv.neg().div(tv.add(2));
        r.blend(r.neg(), DoubleVector.fromArray(S, x, xo + c + i).compare(LT, 0)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** 1 / (1 + e^-x): e^-x overflowing to inf gives exactly 0, so no NaN for large |x|. */
  static int sigmoid(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).neg().intoArray(t, i);
      VectorMathF64.exp(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) one.div(one.add(DoubleVector.fromArray(S, t, i))).intoArray(o, oo + c + i);
    }
    return done;
  }

  static int silu(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).neg().intoArray(t, i);
      VectorMathF64.exp(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).div(DoubleVector.fromArray(S, t, i).add(1)).intoArray(o, oo + c + i);
    }
    return done;
  }

  /** min(x, 0) - log1p(e^-|x|): the exponent is never positive. */
  static int logSigmoid(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).abs().neg().intoArray(t, i);
      VectorMathF64.exp(t, 0, t, 0, len);
      VectorMathF64.log1p(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).min(0).sub(DoubleVector.fromArray(S, t, i)).intoArray(o, oo + c + i);
    }
    return done;
  }

  static int elu(double[] x, int xo, double[] o, int oo, int n, double alpha) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      VectorMathF64.expm1(x, xo + c, t, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i);
        DoubleVector.fromArray(S, t, i).mul(alpha).blend(xv, xv.compare(GT, 0)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int softplus(double[] x, int xo, double[] o, int oo, int n, double beta, double threshold) {
    int done = S.loopBound(n);
    double[] t = ThreadScratch.chunkF64(0);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).mul(beta).intoArray(t, i);
      VectorMathF64.exp(t, 0, t, 0, len);
      VectorMathF64.log1p(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i);
        DoubleVector.fromArray(S, t, i).div(beta).blend(xv, xv.mul(beta).compare(GT, threshold)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int geluTanh(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double k = UnaryScalar.SQRT_2_OVER_PI;
    double[] t = ThreadScratch.chunkF64(0);
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i);
        xv.mul(xv).mul(xv).mul(0.044715).add(xv).mul(k).abs().mul(-2).intoArray(t, i);
      }
      VectorMathF64.expm1(t, 0, t, 0, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i), tv = DoubleVector.fromArray(S, t, i);
        DoubleVector inner = xv.mul(xv).mul(xv).mul(0.044715).add(xv).mul(k);
        DoubleVector th = tv.neg().div(tv.add(2));
        th = th.blend(th.neg(), inner.compare(LT, 0));
        xv.mul(0.5).mul(one.add(th)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }
}

package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector form of {@link Erf} (Cody's rational approximations) for FLOAT32 rows, and the exact
 * GELU, 0.5 x erfc(-x / sqrt 2). A row runs in chunks of {@link ThreadScratch#CHUNK} elements
 * and in passes: y = |x|; the small-|y| ratio erf(y)/y; the erfc tail (its rationals, then
 * exp(-y^2) by {@link VectorMathF32#exp}); then a blend picks, per lane, the branch its |x|
 * needs. Passes rather than vector helpers, because a vector handed to a method C2 does not
 * inline is allocated (a 327-bytecode helper here was never inlined and boxed every vector).
 * Kernels take whole vectors only (n a multiple of the lane count). ErfF64 is the same for FLOAT64.
 */
final class ErfF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length(), CHUNK = ThreadScratch.CHUNK;
  private static final float THRESH = 0.46875f;
  /** 1.5 * 2^23, to round to an integer (see expMinusSquare). */
  private static final float MAGIC = 12582912f;

  private ErfF32() {}

  static int erf(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] y = ThreadScratch.chunkF32(0), t = ThreadScratch.chunkF32(1), s = ThreadScratch.chunkF32(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i), yv = FloatVector.fromArray(S, y, i);
        FloatVector big = FloatVector.fromArray(S, t, i).neg().add(1f);
        big = big.blend(big.neg(), xv.compare(LT, 0f));
        xv.mul(FloatVector.fromArray(S, s, i)).blend(big, yv.compare(GT, THRESH)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int erfc(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float[] y = ThreadScratch.chunkF32(0), t = ThreadScratch.chunkF32(1), s = ThreadScratch.chunkF32(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        // 1 - x erf(y)/y for small y, else the tail, reflected as 2 - tail for negative x
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i), tv = FloatVector.fromArray(S, t, i);
        FloatVector sv = xv.mul(FloatVector.fromArray(S, s, i)).neg().add(1f);
        sv.blend(tv.blend(tv.neg().add(2f), xv.compare(LT, 0f)), FloatVector.fromArray(S, y, i).compare(GT, THRESH))
            .intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** 0.5 x erfc(-x / sqrt 2). */
  static int gelu(float[] x, int xo, float[] o, int oo, int n) {
    int done = S.loopBound(n);
    float k = (float) -UnaryScalar.SQRT1_2;
    float[] y = ThreadScratch.chunkF32(0), t = ThreadScratch.chunkF32(1), s = ThreadScratch.chunkF32(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) FloatVector.fromArray(S, x, xo + c + i).mul(k).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        // erfc(z), z = -x / sqrt 2, as in erfc
        FloatVector xv = FloatVector.fromArray(S, x, xo + c + i), z = xv.mul(k), tv = FloatVector.fromArray(S, t, i);
        FloatVector sv = z.mul(FloatVector.fromArray(S, s, i)).neg().add(1f);
        FloatVector e = sv.blend(tv.blend(tv.neg().add(2f), z.compare(LT, 0f)), FloatVector.fromArray(S, y, i).compare(GT, THRESH));
        xv.mul(0.5f).mul(e).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** From y[0..len) (|x|, whole vectors): s = erf(y)/y (for y <= THRESH) and t = erfc(y) (for y > THRESH). */
  private static void passes(float[] y, float[] t, float[] s, int len) {
    // exp(-y^2) as exp(-r^2) exp(-(y-r)(y+r)), r = y rounded to a multiple of 1/16 (through the
    // rounding constant): y*y alone loses bits. The two exponents go to s and t. y is capped at 12
    // first, where erfc(y) is 0 in float32 (exp(-y^2) is 0 from y = 10.2): uncapped, r rounded up
    // made the second exponent positive and large, exp gave inf, and 0 * inf a NaN.
    for (int i = 0; i < len; i += L) {
      FloatVector yv = FloatVector.fromArray(S, y, i).min(12f);
      FloatVector r = yv.mul(16f).add(MAGIC).sub(MAGIC).mul(0.0625f);
      r.mul(r).neg().intoArray(s, i);
      yv.sub(r).mul(yv.add(r)).neg().intoArray(t, i);
    }
    VectorMathF32.exp(s, 0, s, 0, len);
    VectorMathF32.exp(t, 0, t, 0, len);
    for (int i = 0; i < len; i += L) {
      FloatVector yv = FloatVector.fromArray(S, y, i);
      // Cody's rational for 0.46875 < y <= 4
      FloatVector num = yv.mul((float) Erf.C[8]), den = yv;
      for (int j = 0; j < 7; j++) {
        num = num.add((float) Erf.C[j]).mul(yv);
        den = den.add((float) Erf.D[j]).mul(yv);
      }
      FloatVector mid = num.add((float) Erf.C[7]).div(den.add((float) Erf.D[7]));
      // and in 1/y^2 for y > 4
      FloatVector ysq = FloatVector.broadcast(S, 1f).div(yv.mul(yv));
      FloatVector pn = ysq.mul((float) Erf.P[5]), pd = ysq;
      for (int j = 0; j < 4; j++) {
        pn = pn.add((float) Erf.P[j]).mul(ysq);
        pd = pd.add((float) Erf.Q[j]).mul(ysq);
      }
      FloatVector far = ysq.mul(pn.add((float) Erf.P[4])).div(pd.add((float) Erf.Q[4]));
      far = far.neg().add((float) Erf.SQRT_PI_INV).div(yv);
      FloatVector e = FloatVector.fromArray(S, s, i).mul(FloatVector.fromArray(S, t, i));
      mid.blend(far, yv.compare(GT, 4f)).mul(e).intoArray(t, i);
    }
    for (int i = 0; i < len; i += L) {
      // erf(y)/y = A(y^2)/B(y^2) for y <= THRESH
      FloatVector yv = FloatVector.fromArray(S, y, i), ysq = yv.mul(yv);
      FloatVector num = ysq.mul((float) Erf.A[4]), den = ysq;
      for (int j = 0; j < 3; j++) {
        num = num.add((float) Erf.A[j]).mul(ysq);
        den = den.add((float) Erf.B[j]).mul(ysq);
      }
      num.add((float) Erf.A[3]).div(den.add((float) Erf.B[3])).intoArray(s, i);
    }
  }
}

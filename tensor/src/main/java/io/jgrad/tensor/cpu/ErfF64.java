package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector form of {@link Erf} (Cody's rational approximations) for FLOAT64 rows, and the exact
 * GELU, 0.5 x erfc(-x / sqrt 2). A row runs in chunks of {@link ThreadScratch#CHUNK} elements
 * and in passes: y = |x|; the small-|y| ratio erf(y)/y; the erfc tail (its rationals, then
 * exp(-y^2) by {@link VectorMathF64#exp}); then a blend picks, per lane, the branch its |x|
 * needs. Passes rather than vector helpers, because a vector handed to a method C2 does not
 * inline is allocated (a 327-bytecode helper here was never inlined and boxed every vector).
 * Kernels take whole vectors only (n a multiple of the lane count). ErfF32 is the same for FLOAT32.
 */
final class ErfF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length(), CHUNK = ThreadScratch.CHUNK;
  private static final double THRESH = 0.46875;
  /** 1.5 * 2^52, to round to an integer (see expMinusSquare). */
  private static final double MAGIC = 6755399441055744.0;

  private ErfF64() {}

  static int erf(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] y = ThreadScratch.chunkF64(0), t = ThreadScratch.chunkF64(1), s = ThreadScratch.chunkF64(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i), yv = DoubleVector.fromArray(S, y, i);
        DoubleVector big = DoubleVector.fromArray(S, t, i).neg().add(1);
        big = big.blend(big.neg(), xv.compare(LT, 0));
        xv.mul(DoubleVector.fromArray(S, s, i)).blend(big, yv.compare(GT, THRESH)).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  static int erfc(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double[] y = ThreadScratch.chunkF64(0), t = ThreadScratch.chunkF64(1), s = ThreadScratch.chunkF64(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        // 1 - x erf(y)/y for small y, else the tail, reflected as 2 - tail for negative x
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i), tv = DoubleVector.fromArray(S, t, i);
        DoubleVector sv = xv.mul(DoubleVector.fromArray(S, s, i)).neg().add(1);
        sv.blend(tv.blend(tv.neg().add(2), xv.compare(LT, 0)), DoubleVector.fromArray(S, y, i).compare(GT, THRESH))
            .intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** 0.5 x erfc(-x / sqrt 2). */
  static int gelu(double[] x, int xo, double[] o, int oo, int n) {
    int done = S.loopBound(n);
    double k = -UnaryScalar.SQRT1_2;
    double[] y = ThreadScratch.chunkF64(0), t = ThreadScratch.chunkF64(1), s = ThreadScratch.chunkF64(2);
    for (int c = 0; c < done; c += CHUNK) {
      int len = Math.min(CHUNK, done - c);
      for (int i = 0; i < len; i += L) DoubleVector.fromArray(S, x, xo + c + i).mul(k).abs().intoArray(y, i);
      passes(y, t, s, len);
      for (int i = 0; i < len; i += L) {
        // erfc(z), z = -x / sqrt 2, as in erfc
        DoubleVector xv = DoubleVector.fromArray(S, x, xo + c + i), z = xv.mul(k), tv = DoubleVector.fromArray(S, t, i);
        DoubleVector sv = z.mul(DoubleVector.fromArray(S, s, i)).neg().add(1);
        DoubleVector e = sv.blend(tv.blend(tv.neg().add(2), z.compare(LT, 0)), DoubleVector.fromArray(S, y, i).compare(GT, THRESH));
        xv.mul(0.5).mul(e).intoArray(o, oo + c + i);
      }
    }
    return done;
  }

  /** From y[0..len) (|x|, whole vectors): s = erf(y)/y (for y <= THRESH) and t = erfc(y) (for y > THRESH). */
  private static void passes(double[] y, double[] t, double[] s, int len) {
    // exp(-y^2) as exp(-r^2) exp(-(y-r)(y+r)), r = y rounded to a multiple of 1/16 (through the
    // rounding constant): y*y alone loses bits. The two exponents go to s and t. y is capped at 28
    // first, where erfc(y) is 0 in float64 (exp(-y^2) is 0 from y = 27.3): uncapped, r rounded up
    // made the second exponent positive and large, exp gave inf, and 0 * inf a NaN.
    for (int i = 0; i < len; i += L) {
      DoubleVector yv = DoubleVector.fromArray(S, y, i).min(28);
      DoubleVector r = yv.mul(16).add(MAGIC).sub(MAGIC).mul(0.0625);
      r.mul(r).neg().intoArray(s, i);
      yv.sub(r).mul(yv.add(r)).neg().intoArray(t, i);
    }
    VectorMathF64.exp(s, 0, s, 0, len);
    VectorMathF64.exp(t, 0, t, 0, len);
    for (int i = 0; i < len; i += L) {
      DoubleVector yv = DoubleVector.fromArray(S, y, i);
      // Cody's rational for 0.46875 < y <= 4
      DoubleVector num = yv.mul(Erf.C[8]), den = yv;
      for (int j = 0; j < 7; j++) {
        num = num.add(Erf.C[j]).mul(yv);
        den = den.add(Erf.D[j]).mul(yv);
      }
      DoubleVector mid = num.add(Erf.C[7]).div(den.add(Erf.D[7]));
      // and in 1/y^2 for y > 4
      DoubleVector ysq = DoubleVector.broadcast(S, 1).div(yv.mul(yv));
      DoubleVector pn = ysq.mul(Erf.P[5]), pd = ysq;
      for (int j = 0; j < 4; j++) {
        pn = pn.add(Erf.P[j]).mul(ysq);
        pd = pd.add(Erf.Q[j]).mul(ysq);
      }
      DoubleVector far = ysq.mul(pn.add(Erf.P[4])).div(pd.add(Erf.Q[4]));
      far = far.neg().add(Erf.SQRT_PI_INV).div(yv);
      DoubleVector e = DoubleVector.fromArray(S, s, i).mul(DoubleVector.fromArray(S, t, i));
      mid.blend(far, yv.compare(GT, 4)).mul(e).intoArray(t, i);
    }
    for (int i = 0; i < len; i += L) {
      // erf(y)/y = A(y^2)/B(y^2) for y <= THRESH
      DoubleVector yv = DoubleVector.fromArray(S, y, i), ysq = yv.mul(yv);
      DoubleVector num = ysq.mul(Erf.A[4]), den = ysq;
      for (int j = 0; j < 3; j++) {
        num = num.add(Erf.A[j]).mul(ysq);
        den = den.add(Erf.B[j]).mul(ysq);
      }
      num.add(Erf.A[3]).div(den.add(Erf.B[3])).intoArray(s, i);
    }
  }
}

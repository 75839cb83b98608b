package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector form of {@link Erf} (Cody's rational approximations) for FLOAT32 rows: every lane
 * evaluates the small-|x| rational and the erfc tail, and a blend picks the one its |x|
 * needs; the |x| > 4 rational is blended into the tail the same way. Also the exact GELU,
 * 0.5 x erfc(-x / sqrt 2), which otherwise would run scalar. ErfF64 is the same for FLOAT64.
 */
final class ErfF32 {
  static final VectorSpecies<Float> S = CpuConfig.FLOAT;
  private static final int L = S.length();
  private static final float THRESH = 0.46875f;

  private ErfF32() {}

  static int erf(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i), y = xv.abs();
      FloatVector big = tail(y).neg().add(1f);
      big = big.blend(big.neg(), xv.compare(LT, 0f));
      xv.mul(small(y)).blend(big, y.compare(GT, THRESH)).intoArray(o, oo + i);
    }
    return i;
  }

  static int erfc(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      erfcOf(xv).intoArray(o, oo + i);
    }
    return i;
  }

  static int gelu(float[] x, int xo, float[] o, int oo, int n) {
    int i = 0;
    float k = (float) -UnaryScalar.SQRT1_2;
    for (int b = S.loopBound(n); i < b; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      xv.mul(0.5f).mul(erfcOf(xv.mul(k))).intoArray(o, oo + i);
    }
    return i;
  }

  private static FloatVector erfcOf(FloatVector xv) {
    FloatVector y = xv.abs();
    FloatVector t = tail(y);
    t = t.blend(t.neg().add(2f), xv.compare(LT, 0f));
    FloatVector s = xv.mul(small(y)).neg().add(1f);
    return s.blend(t, y.compare(GT, THRESH));
  }

  /** erf(y)/y, accurate for y <= THRESH. */
  private static FloatVector small(FloatVector y) {
    FloatVector ysq = y.mul(y);
    FloatVector num = ysq.mul((float) Erf.A[4]), den = ysq;
    for (int j = 0; j < 3; j++) {
      num = num.add((float) Erf.A[j]).mul(ysq);
      den = den.add((float) Erf.B[j]).mul(ysq);
    }
    return num.add((float) Erf.A[3]).div(den.add((float) Erf.B[3]));
  }

  /** erfc(y) for y > THRESH (0 far out, NaN for NaN). */
  private static FloatVector tail(FloatVector y) {
    FloatVector num = y.mul((float) Erf.C[8]), den = y;
    for (int j = 0; j < 7; j++) {
      num = num.add((float) Erf.C[j]).mul(y);
      den = den.add((float) Erf.D[j]).mul(y);
    }
    FloatVector mid = num.add((float) Erf.C[7]).div(den.add((float) Erf.D[7]));
    FloatVector ysq = FloatVector.broadcast(S, 1f).div(y.mul(y));
    FloatVector pn = ysq.mul((float) Erf.P[5]), pd = ysq;
    for (int j = 0; j < 4; j++) {
      pn = pn.add((float) Erf.P[j]).mul(ysq);
      pd = pd.add((float) Erf.Q[j]).mul(ysq);
    }
    FloatVector far = ysq.mul(pn.add((float) Erf.P[4])).div(pd.add((float) Erf.Q[4]));
    far = far.neg().add((float) Erf.SQRT_PI_INV).div(y);
    VectorMask<Float> isFar = y.compare(GT, 4f);
    FloatVector r = mid.blend(far, isFar);
    // exp(-y^2) as exp(-s^2) exp(-(y-s)(y+s)), s = y truncated to 1/16: y*y alone loses bits.
    // The cap keeps the integer conversion in range; NaN converts to 0 and still propagates.
    FloatVector s = ((FloatVector) y.mul(16f).min(1e6f).convert(F2I, 0).convert(I2F, 0)).div(16f);
    FloatVector e = s.mul(s).neg().lanewise(EXP).mul(y.sub(s).mul(y.add(s)).neg().lanewise(EXP));
    return r.mul(e);
  }
}

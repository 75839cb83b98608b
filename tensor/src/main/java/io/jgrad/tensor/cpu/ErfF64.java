package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector form of {@link Erf} (Cody's rational approximations) for FLOAT64 rows: every lane
 * evaluates the small-|x| rational and the erfc tail, and a blend picks the one its |x|
 * needs; the |x| > 4 rational is blended into the tail the same way. Also the exact GELU,
 * 0.5 x erfc(-x / sqrt 2), which otherwise would run scalar. ErfF32 is the same for FLOAT32.
 */
final class ErfF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length();
  private static final double THRESH = 0.46875;

  private ErfF64() {}

  static int erf(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i), y = xv.abs();
      DoubleVector big = tail(y).neg().add(1);
      big = big.blend(big.neg(), xv.compare(LT, 0));
      xv.mul(small(y)).blend(big, y.compare(GT, THRESH)).intoArray(o, oo + i);
    }
    return i;
  }

  static int erfc(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      erfcOf(xv).intoArray(o, oo + i);
    }
    return i;
  }

  static int gelu(double[] x, int xo, double[] o, int oo, int n) {
    int i = 0;
    double k = -UnaryScalar.SQRT1_2;
    for (int b = S.loopBound(n); i < b; i += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
      xv.mul(0.5).mul(erfcOf(xv.mul(k))).intoArray(o, oo + i);
    }
    return i;
  }

  private static DoubleVector erfcOf(DoubleVector xv) {
    DoubleVector y = xv.abs();
    DoubleVector t = tail(y);
    t = t.blend(t.neg().add(2), xv.compare(LT, 0));
    DoubleVector s = xv.mul(small(y)).neg().add(1);
    return s.blend(t, y.compare(GT, THRESH));
  }

  /** erf(y)/y, accurate for y <= THRESH. */
  private static DoubleVector small(DoubleVector y) {
    DoubleVector ysq = y.mul(y);
    DoubleVector num = ysq.mul(Erf.A[4]), den = ysq;
    for (int j = 0; j < 3; j++) {
      num = num.add(Erf.A[j]).mul(ysq);
      den = den.add(Erf.B[j]).mul(ysq);
    }
    return num.add(Erf.A[3]).div(den.add(Erf.B[3]));
  }

  /** erfc(y) for y > THRESH (0 far out, NaN for NaN). */
  private static DoubleVector tail(DoubleVector y) {
    DoubleVector num = y.mul(Erf.C[8]), den = y;
    for (int j = 0; j < 7; j++) {
      num = num.add(Erf.C[j]).mul(y);
      den = den.add(Erf.D[j]).mul(y);
    }
    DoubleVector mid = num.add(Erf.C[7]).div(den.add(Erf.D[7]));
    DoubleVector ysq = DoubleVector.broadcast(S, 1).div(y.mul(y));
    DoubleVector pn = ysq.mul(Erf.P[5]), pd = ysq;
    for (int j = 0; j < 4; j++) {
      pn = pn.add(Erf.P[j]).mul(ysq);
      pd = pd.add(Erf.Q[j]).mul(ysq);
    }
    DoubleVector far = ysq.mul(pn.add(Erf.P[4])).div(pd.add(Erf.Q[4]));
    far = far.neg().add(Erf.SQRT_PI_INV).div(y);
    VectorMask<Double> isFar = y.compare(GT, 4);
    DoubleVector r = mid.blend(far, isFar);
    // exp(-y^2) as exp(-s^2) exp(-(y-s)(y+s)), s = y truncated to 1/16: y*y alone loses bits.
    // The cap keeps the integer conversion in range; NaN converts to 0 and still propagates.
    DoubleVector s = ((DoubleVector) y.mul(16).min(1e6).convert(D2L, 0).convert(L2D, 0)).div(16);
    DoubleVector e = s.mul(s).neg().lanewise(EXP).mul(y.sub(s).mul(y.add(s)).neg().lanewise(EXP));
    return r.mul(e);
  }
}

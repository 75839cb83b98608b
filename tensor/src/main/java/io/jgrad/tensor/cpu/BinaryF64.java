package io.jgrad.tensor.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import io.jgrad.tensor.spi.BinaryOp;
import java.util.function.DoubleBinaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of the arithmetic binary ops on FLOAT64 rows: both operands contiguous
 * ({@code vv}), or one of them broadcast along the row (stride 0: {@code vs} = vector op
 * scalar, {@code sv} = scalar op vector), which is how a bias add or a scalar multiply arrives.
 * One loop per op and variant; tails run {@link BinaryScalar}. BinaryF32 is the same for FLOAT32.
 */
final class BinaryF64 {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private BinaryF64() {}

  /** o = a op b over n contiguous elements; false when op has no vector kernel. */
  static boolean vv(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n, DoubleBinaryOperator f) {
    int i = switch (op) {
      case ADD -> addVV(a, ao, b, bo, o, oo, n);
      case SUB -> subVV(a, ao, b, bo, o, oo, n);
      case MUL -> mulVV(a, ao, b, bo, o, oo, n);
      case DIV -> divVV(a, ao, b, bo, o, oo, n);
      case MAXIMUM -> maxVV(a, ao, b, bo, o, oo, n);
      case MINIMUM -> minVV(a, ao, b, bo, o, oo, n);
      case POW -> powVV(a, ao, b, bo, o, oo, n);
      case ATAN2 -> atan2VV(a, ao, b, bo, o, oo, n);
      default -> -1;
    };
    if (i < 0) return false;
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(a[ao + i], b[bo + i]);
    return true;
  }

  /** o = a op s over n contiguous elements of a. */
  static boolean vs(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n, DoubleBinaryOperator f) {
    int i = switch (op) {
      case ADD -> addVS(a, ao, s, o, oo, n);
      case SUB -> addVS(a, ao, -s, o, oo, n);
      case MUL -> mulVS(a, ao, s, o, oo, n);
      case DIV -> divVS(a, ao, s, o, oo, n);
      case MAXIMUM -> maxVS(a, ao, s, o, oo, n);
      case MINIMUM -> minVS(a, ao, s, o, oo, n);
      default -> -1;
    };
    if (i < 0) return false;
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(a[ao + i], s);
    return true;
  }

  /** o = s op b over n contiguous elements of b. */
  static boolean sv(BinaryOp op, double s, double[] b, int bo, double[] o, int oo, int n, DoubleBinaryOperator f) {
    int i = switch (op) {
      case ADD -> addVS(b, bo, s, o, oo, n);
      case SUB -> subSV(s, b, bo, o, oo, n);
      case MUL -> mulVS(b, bo, s, o, oo, n);
      case DIV -> divSV(s, b, bo, o, oo, n);
      case MAXIMUM -> maxVS(b, bo, s, o, oo, n);
      case MINIMUM -> minVS(b, bo, s, o, oo, n);
      default -> -1;
    };
    if (i < 0) return false;
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(s, b[bo + i]);
    return true;
  }

  private static DoubleVector v(double[] x, int i) { return DoubleVector.fromArray(S, x, i); }

  private static int addVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).add(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int subVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).sub(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int mulVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).mul(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).div(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int maxVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).max(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int minVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).min(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  /** Math.pow's NaN for 1^NaN is replaced by torch's 1. */
  private static int powVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1);
    for (int e = S.loopBound(n); i < e; i += L) {
      DoubleVector av = v(a, ao + i);
      av.lanewise(POW, v(b, bo + i)).blend(one, av.eq(one)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int atan2VV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).lanewise(ATAN2, v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int addVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).add(sv).intoArray(o, oo + i);
    return i;
  }

  private static int mulVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).mul(sv).intoArray(o, oo + i);
    return i;
  }

  private static int divVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).div(sv).intoArray(o, oo + i);
    return i;
  }

  private static int maxVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).max(sv).intoArray(o, oo + i);
    return i;
  }

  private static int minVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) v(a, ao + i).min(sv).intoArray(o, oo + i);
    return i;
  }

  private static int subSV(double s, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.sub(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divSV(double s, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.div(v(b, bo + i)).intoArray(o, oo + i);
    return i;
  }
}

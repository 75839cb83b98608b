package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.BinaryOp;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link Compare}'s float32 comparisons and of {@code where} for float32, for
 * rows whose output and first input are contiguous and whose second input is contiguous or a
 * broadcast scalar (stride 0): the relu/clamp masks of backward passes. Masks become bytes through
 * a byte species with as many lanes as the float species. Scalar tails; the scalar loops stay the
 * oracle ({@code CompareDifferentialTest}).
 */
final class CompareF32 {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));
  private static final int L = F.length();

  private CompareF32() {}

  /** The Vector API comparison for an op, or null for logical ops (they stay scalar). */
  static VectorOperators.Comparison of(BinaryOp op) {
    return switch (op) {
      case LT -> VectorOperators.LT;
      case LE -> VectorOperators.LE;
      case EQ -> VectorOperators.EQ;
      case NE -> VectorOperators.NE;
      case GT -> VectorOperators.GT;
      case GE -> VectorOperators.GE;
      default -> null;
    };
  }

  /**
   * o[oo + i] = x[ao + i] op y[bo + i] (bs == 1) or op y[bo] (bs == 0), as 0/1 bytes. The
   * comparison must be a constant at each call of {@link #loop} for C2 to intrinsify it: one
   * call site per operator (a comparison passed in as a variable runs the boxed fallback).
   */
  static void row(VectorOperators.Comparison c, float[] x, int ao, float[] y, int bo, int bs, byte[] o, int oo, int n) {
    if (c == VectorOperators.LT) loop(VectorOperators.LT, x, ao, y, bo, bs, o, oo, n);
    else if (c == VectorOperators.LE) loop(VectorOperators.LE, x, ao, y, bo, bs, o, oo, n);
    else if (c == VectorOperators.EQ) loop(VectorOperators.EQ, x, ao, y, bo, bs, o, oo, n);
    else if (c == VectorOperators.NE) loop(VectorOperators.NE, x, ao, y, bo, bs, o, oo, n);
    else if (c == VectorOperators.GT) loop(VectorOperators.GT, x, ao, y, bo, bs, o, oo, n);
    else loop(VectorOperators.GE, x, ao, y, bo, bs, o, oo, n);
  }

  private static void loop(VectorOperators.Comparison c, float[] x, int ao, float[] y, int bo, int bs, byte[] o, int oo,
                           int n) {
    ByteVector one = ByteVector.broadcast(B, (byte) 1), zero = ByteVector.zero(B);
    int i = 0;
    if (bs == 0) {
      FloatVector yv = FloatVector.broadcast(F, y[bo]);
      for (int end = F.loopBound(n); i < end; i += L) {
        VectorMask<Byte> m = FloatVector.fromArray(F, x, ao + i).compare(c, yv).cast(B);
        zero.blend(one, m).intoArray(o, oo + i);
      }
    } else {
      for (int end = F.loopBound(n); i < end; i += L) {
        VectorMask<Byte> m = FloatVector.fromArray(F, x, ao + i).compare(c, FloatVector.fromArray(F, y, bo + i)).cast(B);
        zero.blend(one, m).intoArray(o, oo + i);
      }
    }
    for (; i < n; i++) o[oo + i] = scalar(c, x[ao + i], y[bo + i * bs]) ? (byte) 1 : 0;
  }

  private static boolean scalar(VectorOperators.Comparison c, float a, float b) {
    if (c == VectorOperators.LT) return a < b;
    if (c == VectorOperators.LE) return a <= b;
    if (c == VectorOperators.EQ) return a == b;
    if (c == VectorOperators.NE) return a != b;
    if (c == VectorOperators.GT) return a > b;
    return a >= b;
  }

  /**
   * o[oo + i] = cond[co + i] != 0 ? x[xo + i*xs] : y[yo + i*ys] with xs, ys in {0, 1}: cond and out
   * contiguous.
   */
  static void where(byte[] cond, int co, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] o, int oo, int n) {
    int i = 0;
    FloatVector xb = xs == 0 ? FloatVector.broadcast(F, x[xo]) : null;
    FloatVector yb = ys == 0 ? FloatVector.broadcast(F, y[yo]) : null;
    for (int end = F.loopBound(n); i < end; i += L) {
      VectorMask<Float> m = ByteVector.fromArray(B, cond, co + i).compare(VectorOperators.NE, (byte) 0).cast(F);
      FloatVector xv = xb != null ? xb : FloatVector.fromArray(F, x, xo + i);
      FloatVector yv = yb != null ? yb : FloatVector.fromArray(F, y, yo + i);
      yv.blend(xv, m).intoArray(o, oo + i);
    }
    for (; i < n; i++) o[oo + i] = cond[co + i] != 0 ? x[xo + i * xs] : y[yo + i * ys];
  }
}

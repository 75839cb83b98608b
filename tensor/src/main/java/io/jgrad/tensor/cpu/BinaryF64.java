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
 * One loop per op and variant; tails run {@link BinaryScalar}, whose double arithmetic rounds
 * to the same float as the float lanes (add, sub, mul, div, max, min are exactly rounded either
 * way). pow and atan2 have no vector form here: the Vector API's POW/ATAN2 operators give
 * different last bits compiled (SVML) and interpreted, so they run the scalar {@code Math} path. BinaryF32 is the same for FLOAT32.
 */
final class BinaryF64 {
  static final VectorSpecies<Double> S = CpuConfig.DOUBLE;
  private static final int L = S.length();

  private BinaryF64() {}

  // Kernels sit behind tables indexed by op: the megamorphic call keeps C2 from inlining every
  // hot loop into one dispatcher, whose inlining budget then ran out (see UnaryF32.KERNELS).

  @FunctionalInterface
  interface VV {
    int run(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n);
  }

  private static final VV[] VV_KERNELS = vvKernels();

  private static VV[] vvKernels() {
    VV[] t = new VV[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (a, ao, b, bo, o, oo, n) -> addVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (a, ao, b, bo, o, oo, n) -> subVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (a, ao, b, bo, o, oo, n) -> mulVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (a, ao, b, bo, o, oo, n) -> divVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (a, ao, b, bo, o, oo, n) -> maxVV(a, ao, b, bo, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (a, ao, b, bo, o, oo, n) -> minVV(a, ao, b, bo, o, oo, n);
    return t;
  }

  /** o = a op b over n contiguous elements; false when op has no vector kernel. */
  static boolean vv(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n, DoubleBinaryOperator f) {
    VV k = VV_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(a, ao, b, bo, o, oo, n);
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(a[ao + i], b[bo + i]);
    return true;
  }

  @FunctionalInterface
  interface VS {
    int run(double[] a, int ao, double s, double[] o, int oo, int n);
  }

  private static final VS[] VS_KERNELS = vsKernels();

  private static VS[] vsKernels() {
    VS[] t = new VS[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (a, ao, s, o, oo, n) -> addVS(a, ao, s, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (a, ao, s, o, oo, n) -> addVS(a, ao, -s, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (a, ao, s, o, oo, n) -> mulVS(a, ao, s, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (a, ao, s, o, oo, n) -> divVS(a, ao, s, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (a, ao, s, o, oo, n) -> maxVS(a, ao, s, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (a, ao, s, o, oo, n) -> minVS(a, ao, s, o, oo, n);
    return t;
  }

  /** o = a op s over n contiguous elements of a. */
  static boolean vs(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n, DoubleBinaryOperator f) {
    VS k = VS_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(a, ao, s, o, oo, n);
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(a[ao + i], s);
    return true;
  }

  @FunctionalInterface
  interface SV {
    int run(double s, double[] b, int bo, double[] o, int oo, int n);
  }

  private static final SV[] SV_KERNELS = svKernels();

  private static SV[] svKernels() {
    SV[] t = new SV[BinaryOp.values().length];
    t[BinaryOp.ADD.ordinal()] = (s, b, bo, o, oo, n) -> addVS(b, bo, s, o, oo, n);
    t[BinaryOp.SUB.ordinal()] = (s, b, bo, o, oo, n) -> subSV(s, b, bo, o, oo, n);
    t[BinaryOp.MUL.ordinal()] = (s, b, bo, o, oo, n) -> mulVS(b, bo, s, o, oo, n);
    t[BinaryOp.DIV.ordinal()] = (s, b, bo, o, oo, n) -> divSV(s, b, bo, o, oo, n);
    t[BinaryOp.MAXIMUM.ordinal()] = (s, b, bo, o, oo, n) -> maxVS(b, bo, s, o, oo, n);
    t[BinaryOp.MINIMUM.ordinal()] = (s, b, bo, o, oo, n) -> minVS(b, bo, s, o, oo, n);
    return t;
  }

  /** o = s op b over n contiguous elements of b. */
  static boolean sv(BinaryOp op, double s, double[] b, int bo, double[] o, int oo, int n, DoubleBinaryOperator f) {
    SV k = SV_KERNELS[op.ordinal()];
    if (k == null) return false;
    int i = k.run(s, b, bo, o, oo, n);
    for (; i < n; i++) o[oo + i] = f.applyAsDouble(s, b[bo + i]);
    return true;
  }


  private static int addVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).add(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int subVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int mulVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int maxVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).max(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int minVV(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).min(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }


  private static int addVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).add(sv).intoArray(o, oo + i);
    return i;
  }

  private static int mulVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).mul(sv).intoArray(o, oo + i);
    return i;
  }

  private static int divVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).div(sv).intoArray(o, oo + i);
    return i;
  }

  private static int maxVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).max(sv).intoArray(o, oo + i);
    return i;
  }

  private static int minVS(double[] a, int ao, double s, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) DoubleVector.fromArray(S, a, ao + i).min(sv).intoArray(o, oo + i);
    return i;
  }

  private static int subSV(double s, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }

  private static int divSV(double s, double[] b, int bo, double[] o, int oo, int n) {
    int i = 0;
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (int e = S.loopBound(n); i < e; i += L) sv.div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    return i;
  }
}

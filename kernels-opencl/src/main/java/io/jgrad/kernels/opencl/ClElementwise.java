package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Unary, binary and where kernels (unary.cl, binary.cl): one work item per output element,
 * the operands' views collapsed together (ClView.collapse), so any strides and broadcasting
 * work. One program per (input dtype, output dtype) holds a kernel per op.
 */
final class ClElementwise {
  /** Unary ops defined on integer and bool tensors (the CPU backend's set). */
  private static final Set<UnaryOp> INTEGRAL_UNARY = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU,
      UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC, UnaryOp.NAN_TO_NUM, UnaryOp.CLAMP,
      UnaryOp.POW_SCALAR, UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE);

  private final ClContext ctx;

  ClElementwise(ClContext ctx) { this.ctx = ctx; }

  /** Build options for a program on input dtype t and output dtype o. */
  static String options(DType t, DType o) {
    return ClTypes.define("T", t) + " " + ClTypes.define("O", o)
        + (t == DType.FLOAT32 ? " -cl-single-precision-constant" : "");
  }

  void unary(UnaryOp op, View x, View out, double... args) {
    String name = "unary " + op;
    ClBuffer xb = ClBuffer.of(x, ctx, name), ob = ClBuffer.of(out, ctx, name);
    DType t = x.dtype();
    ctx.requireDtype(t, name);
    ctx.requireDtype(out.dtype(), name);
    if (!t.isFloatingPoint() && !INTEGRAL_UNARY.contains(op)) {
      throw new IllegalArgumentException(op + " is not defined on " + t + " tensors");
    }
    double[] p = params(op, t, args);
    DType pt = t.isFloatingPoint() ? t : DType.INT64;
    int[][] v = ClView.collapse(name, x, out);
    var k = ctx.kernel("unary.cl", options(t, out.dtype()), "u_" + op.name().toLowerCase(Locale.ROOT));
    ctx.launch(k, out.numel(), xb, v[0], ob, v[1], ClTypes.scalar(pt, p[0]), ClTypes.scalar(pt, p[1]),
        ClTypes.scalar(pt, p[2]));
  }

  // The op's parameters as the kernel reads them; CLAMP's NaN ("no bound") becomes the widest bound.
  private static double[] params(UnaryOp op, DType t, double[] args) {
    double[] p = new double[3];
    for (int i = 0; i < Math.min(3, args.length); i++) p[i] = args[i];
    int need = switch (op) {
      case LEAKY_RELU, ELU, POW_SCALAR -> 1;
      case SOFTPLUS, CLAMP -> 2;
      case NAN_TO_NUM -> 3;
      default -> 0;
    };
    if (args.length < need) {
      throw new IllegalArgumentException("unary " + op + ": expected " + need + " parameters, got " + args.length);
    }
    if (op == UnaryOp.CLAMP) {
      if (Double.isNaN(p[0])) p[0] = t.isFloatingPoint() ? Double.NEGATIVE_INFINITY : Long.MIN_VALUE;
      if (Double.isNaN(p[1])) p[1] = t.isFloatingPoint() ? Double.POSITIVE_INFINITY : Long.MAX_VALUE;
    }
    return p;
  }

  void binary(BinaryOp op, View a, View b, View out) {
    throw new UnsupportedOperationException("opencl: binary not implemented yet");
  }

  void where(View cond, View a, View b, View out) {
    throw new UnsupportedOperationException("opencl: where not implemented yet");
  }
}

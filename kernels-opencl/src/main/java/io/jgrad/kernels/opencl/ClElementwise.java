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
    ctx.launchGuarded(k, out.numel(), xb, v[0], ob, v[1], ClTypes.scalar(pt, p[0]), ClTypes.scalar(pt, p[1]),
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
    String name = "binary " + op;
    ClBuffer ab = ClBuffer.of(a, ctx, name), bb = ClBuffer.of(b, ctx, name), ob = ClBuffer.of(out, ctx, name);
    DType t = a.dtype();
    if (b.dtype() != t) throw new IllegalArgumentException(name + ": inputs must share a dtype, got " + t + " and " + b.dtype());
    ctx.requireDtype(t, name);
    ctx.requireDtype(out.dtype(), name);
    if (!t.isFloatingPoint() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) {
      throw new IllegalArgumentException(op + " is computed in floating point, not on integers");
    }
    int[][] v = ClView.collapse(name, a, b, out);
    var k = ctx.kernel("binary.cl", options(t, out.dtype()), "b_" + op.name().toLowerCase(Locale.ROOT));
    if (op == BinaryOp.REMAINDER && !t.isFloatingPoint()) {
      remainderInt(k, ab, bb, ob, v, out.numel());
    } else {
      ctx.launchGuarded(k, out.numel(), ab, v[0], bb, v[1], ob, v[2], errorFlag());
    }
  }

  // Integer remainder by zero must throw as on the CPU: the kernel raises a flag, read back here.
  private synchronized void remainderInt(org.jocl.cl_kernel k, ClBuffer ab, ClBuffer bb, ClBuffer ob, int[][] v,
                                         long n) {
    ClBuffer flag = errorFlag();
    View fv = new View(flag, DType.INT32, new int[] {1}, new int[] {1}, 0);
    new ClCopy(ctx).fill(fv, 0);
    ctx.launchGuarded(k, n, ab, v[0], bb, v[1], ob, v[2], flag);
    if (((int[]) new ClCopy(ctx).download(fv))[0] != 0) {
      throw new IllegalArgumentException("remainder: ZeroDivisionError (integer remainder by zero)");
    }
  }

  private ClBuffer flag;

  private synchronized ClBuffer errorFlag() {
    if (flag == null) flag = ctx.allocate(DType.INT32, 1);
    return flag;
  }

  void where(View cond, View a, View b, View out) {
    ClBuffer cb = ClBuffer.of(cond, ctx, "where"), ab = ClBuffer.of(a, ctx, "where");
    ClBuffer bb = ClBuffer.of(b, ctx, "where"), ob = ClBuffer.of(out, ctx, "where");
    if (cond.dtype() != DType.BOOL || a.dtype() != out.dtype() || b.dtype() != out.dtype()) {
      throw new IllegalArgumentException("where: expected a bool condition and one dtype for a, b and out, got "
          + cond.dtype() + ", " + a.dtype() + ", " + b.dtype() + ", " + out.dtype());
    }
    ctx.requireDtype(out.dtype(), "where");
    int[][] v = ClView.collapse("where", cond, a, b, out);
    var k = ctx.kernel("binary.cl", options(out.dtype(), out.dtype()), "where");
    ctx.launchGuarded(k, out.numel(), cb, v[0], ab, v[1], bb, v[2], ob, v[3]);
  }
}

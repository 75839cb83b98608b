package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unary, binary, where, copy, fill and random fills ({@code elementwise.cu}, {@code random.cu}).
 * Contiguous float32 operands aligned to 16 bytes take the float4 kernels; everything else the
 * strided kernels over merged layouts (broadcast inputs have stride 0).
 */
final class CudaElementwise {
  /** Ops the CPU defines on integer and bool inputs (UnaryScalar.integral). */
  private static final Set<UnaryOp> INTEGRAL = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU,
      UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC, UnaryOp.NAN_TO_NUM, UnaryOp.CLAMP,
      UnaryOp.POW_SCALAR, UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE);

  private final CudaBackend be;

  CudaElementwise(CudaBackend be) { this.be = be; }

  void unary(UnaryOp op, View x, View out, double... args) {
    if (!x.dtype().isFloatingPoint() && !INTEGRAL.contains(op)) {
      throw new IllegalArgumentException(op + " is not defined on integer tensors");
    }
    long n = out.numel();
    if (n == 0) return;
    double a0 = arg(args, 0), a1 = arg(args, 1), a2 = arg(args, 2);
    if (x.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT32 && dense4(x) && dense4(out)
        && Arrays.equals(x.shape(), out.shape())) {
      be.ctx.launchN(Kernel.UNARY_F32_VEC, (n + 3) / 4, () -> op + " " + x, op.ordinal(), be.at(x), be.at(out), n, a0, a1, a2);
      return;
    }
    long l0 = op == UnaryOp.CLAMP && Double.isNaN(a0) ? Long.MIN_VALUE : (long) a0;
    long l1 = op == UnaryOp.CLAMP ? (Double.isNaN(a1) ? Long.MAX_VALUE : (long) a1) : (long) a1;
    int[][] l = Lay.merged("unary", out.shape(), new int[][] {x.strides(), out.strides()}, new int[] {x.offset(), out.offset()});
    be.ctx.launchN(Kernel.UNARY_STRIDED, n, () -> op + " " + x + " -> " + out, op.ordinal(), l[0], x.dtype().ordinal(),
        be.ptr(x), l[1], out.dtype().ordinal(), be.ptr(out), n, a0, a1, a2, l0, l1);
  }

  private static double arg(double[] args, int i) { return args != null && args.length > i ? args[i] : 0; }

  /** Contiguous and starting on a 16-byte boundary (buffers are 512-byte aligned). */
  private static boolean dense4(View v) { return v.isContiguous() && v.offset() % 4 == 0; }

  void binary(BinaryOp op, View a, View b, View out) {
    if (!a.dtype().isFloatingPoint() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) {
      throw new IllegalArgumentException(op + " is computed in floating point, not on integers");
    }
    long n = out.numel();
    if (n == 0) return;
    boolean same = Arrays.equals(a.shape(), out.shape()) && Arrays.equals(b.shape(), out.shape());
    DType t = a.dtype();
    if (same && t == DType.FLOAT32 && out.dtype() == t && dense4(a) && dense4(b) && dense4(out)) {
      be.ctx.launchN(Kernel.BINARY_F32_VEC, (n + 3) / 4, () -> op + " " + out, op.ordinal(), be.at(a), be.at(b), be.at(out), n);
      return;
    }
    if (same && t == DType.FLOAT64 && out.dtype() == t && dense2(a) && dense2(b) && dense2(out)) {
      be.ctx.launchN(Kernel.BINARY_F64_VEC, (n + 1) / 2, () -> op + " " + out, op.ordinal(), be.at(a), be.at(b), be.at(out), n);
      return;
    }
    int[][] l = Lay.merged("binary", out.shape(), new int[][] {a.strides(), b.strides(), out.strides()},
        new int[] {a.offset(), b.offset(), out.offset()});
    be.ctx.launchN(Kernel.BINARY_STRIDED, n, () -> op + " " + a + ", " + b + " -> " + out, op.ordinal(), l[0], l[1],
        t.ordinal(), be.ptr(a), be.ptr(b), l[2], out.dtype().ordinal(), be.ptr(out), n);
  }

  private static boolean dense2(View v) { return v.isContiguous() && v.offset() % 2 == 0; }

  void where(View cond, View a, View b, View out) {
    long n = out.numel();
    if (n == 0) return;
    int[][] l = Lay.merged("where", out.shape(), new int[][] {cond.strides(), a.strides(), b.strides(), out.strides()},
        new int[] {cond.offset(), a.offset(), b.offset(), out.offset()});
    be.ctx.launchN(Kernel.WHERE_STRIDED, n, () -> "where " + cond + ", " + a + ", " + b + " -> " + out, l[0], be.ptr(cond),
        l[1], be.ptr(a), l[2], be.ptr(b), l[3], be.ptr(out), out.dtype().byteSize(), n);
  }

  void copy(View src, View dst) {
    long n = dst.numel();
    if (n == 0) return;
    if (src.dtype() == dst.dtype() && src.isContiguous() && dst.isContiguous()) {
      long bytes = n * src.dtype().byteSize();
      be.ctx.deviceCopy(be.at(dst), be.at(src), bytes);
      return;
    }
    int[][] l = Lay.merged("copy", dst.shape(), new int[][] {src.strides(), dst.strides()}, new int[] {src.offset(), dst.offset()});
    be.ctx.launchN(Kernel.COPY_STRIDED, n, () -> "copy " + src + " -> " + dst, l[0], src.dtype().ordinal(), be.ptr(src),
        l[1], dst.dtype().ordinal(), be.ptr(dst), n);
  }

  void fill(View dst, double value) {
    long n = dst.numel();
    if (n == 0) return;
    long bits = switch (dst.dtype()) {
      case FLOAT32 -> Float.floatToRawIntBits((float) value);
      case FLOAT64 -> Double.doubleToRawLongBits(value);
      case INT32 -> (int) (long) value;
      case INT64 -> (long) value;
      case BOOL -> value != 0 ? 1 : 0;
    };
    int[][] l = Lay.merged("fill", dst.shape(), new int[][] {dst.strides()}, new int[] {dst.offset()});
    be.ctx.launchN(Kernel.FILL_STRIDED, n, () -> "fill " + dst, l[0], be.ptr(dst), dst.dtype().byteSize(), bits, n);
  }

  void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    if (!out.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("random fill needs a floating dtype, got " + out.dtype());
    }
    long n = out.numel();
    if (n == 0) return;
    int[][] l = Lay.merged("random", out.shape(), new int[][] {out.strides()}, new int[] {out.offset()});
    be.ctx.launchN(Kernel.RANDOM_FILL, n, () -> op + " " + out, op.ordinal(), l[0], out.dtype().ordinal(), be.ptr(out),
        seed, offset, a, b, n);
  }
}

package io.jgrad.kernels.opencl;

import static org.jocl.CL.*;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.View;
import org.jocl.Pointer;

/** Transfers between host arrays and device buffers, strided copies with casts, fills (copy.cl). */
final class ClCopy {
  private final ClContext ctx;

  ClCopy(ClContext ctx) { this.ctx = ctx; }

  ClBuffer upload(DType dtype, Object host) {
    if (host.getClass() != dtype.carrier()) {
      throw new IllegalArgumentException("upload: a " + dtype + " buffer needs a " + dtype.carrier().getSimpleName()
          + ", got " + host.getClass().getSimpleName());
    }
    ctx.requireDtype(dtype, "upload");
    int n = java.lang.reflect.Array.getLength(host);
    ClBuffer b = ctx.allocate(dtype, n);
    if (n > 0) {
      // Blocking: the caller may reuse its array as soon as we return.
      OpenClException.check(clEnqueueWriteBuffer(ctx.queue(), b.mem(), CL_TRUE, 0, (long) n * dtype.byteSize(),
          pointer(host), 0, null, null), "upload of " + n + " " + dtype + " to " + ctx.device());
    }
    return b;
  }

  Object download(View src) {
    ClBuffer b = ClBuffer.of(src, ctx, "download");
    int n = Math.toIntExact(src.numel());
    Object out = java.lang.reflect.Array.newInstance(src.dtype().carrier().componentType(), n);
    if (n == 0) return out;
    if (src.isContiguous()) {
      read(b, src.offset(), n, out);
      return out;
    }
    ClBuffer tmp = ctx.allocate(src.dtype(), n);
    try {
      copy(src, new View(tmp, src.dtype(), src.shape(), contiguous(src.shape()), 0));
      read(tmp, 0, n, out);
    } finally {
      tmp.release();
    }
    return out;
  }

  private void read(ClBuffer b, int offset, int n, Object out) {
    long size = b.dtype().byteSize();
    OpenClException.check(clEnqueueReadBuffer(ctx.queue(), b.mem(), CL_TRUE, offset * size, n * size,
        pointer(out), 0, null, null), "download of " + n + " " + b.dtype() + " from " + ctx.device());
  }

  void copy(View src, View dst) {
    ClBuffer s = ClBuffer.of(src, ctx, "copy"), d = ClBuffer.of(dst, ctx, "copy");
    ctx.requireDtype(src.dtype(), "copy");
    ctx.requireDtype(dst.dtype(), "copy");
    int[][] v = ClView.collapse("copy", src, dst);
    String opts = ClTypes.define("S", src.dtype()) + " " + ClTypes.define("D", dst.dtype());
    ctx.launchGuarded(ctx.kernel("copy.cl", opts, "copy"), dst.numel(), s, v[0], d, v[1]);
  }

  void fill(View dst, double value) {
    ClBuffer d = ClBuffer.of(dst, ctx, "fill");
    ctx.requireDtype(dst.dtype(), "fill");
    int[][] v = ClView.collapse("fill", dst);
    String opts = ClTypes.define("S", dst.dtype()) + " " + ClTypes.define("D", dst.dtype());
    ctx.launchGuarded(ctx.kernel("copy.cl", opts, "fill"), dst.numel(), d, v[0], ClTypes.scalar(dst.dtype(), value));
  }

  static Pointer pointer(Object array) {
    return switch (array) {
      case float[] a -> Pointer.to(a);
      case double[] a -> Pointer.to(a);
      case int[] a -> Pointer.to(a);
      case long[] a -> Pointer.to(a);
      case byte[] a -> Pointer.to(a);
      default -> throw new IllegalArgumentException("not a carrier array: " + array.getClass());
    };
  }

  static int[] contiguous(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }
}

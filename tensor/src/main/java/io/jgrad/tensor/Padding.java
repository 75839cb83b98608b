package io.jgrad.tensor;

import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/** torch.nn.functional.pad: constant, reflect, replicate and circular borders; part of the joining family. */
final class Padding {
  private Padding() {}

  /**
   * Pads the last pad.length/2 dims: pad = (left, right) pairs starting from the last dim.
   * CONSTANT fills the border with value (cast to x's dtype); negative padding crops.
   * REFLECT mirrors without repeating the edge (padding must be less than the size),
   * REPLICATE repeats the edge, CIRCULAR wraps around (padding at most the size). In the
   * non-constant modes a negative pad crops that side first and the rest pads the cropped
   * tensor, which is what PyTorch computes. Unlike PyTorch, the non-constant modes accept any
   * rank &gt;= the number of padded dims and every dtype.
   * Shape: size(d) + left + right on each padded dim.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.pad.html">torch.nn.functional.pad</a>
   */
  static Tensor pad(Tensor x, int[] pad, PadMode mode, double value) {
    String op = "pad";
    if (pad.length % 2 != 0) {
      throw new IllegalArgumentException(op + ": padding length must be even, got " + Arrays.toString(pad));
    }
    int dims = pad.length / 2;
    if (dims > x.dim()) {
      throw new IllegalArgumentException(op + ": padding " + Arrays.toString(pad) + " covers " + dims
          + " dims but the input " + Shapes.str(x.shape()) + " has rank " + x.dim());
    }
    int[] shape = x.shape();
    for (int k = 0; k < dims; k++) {
      int d = x.dim() - 1 - k;
      long size = (long) shape[d] + pad[2 * k] + pad[2 * k + 1];
      if (size < 0) {
        throw new IllegalArgumentException(op + ": padding (" + pad[2 * k] + ", " + pad[2 * k + 1] + ") at dim " + d
            + " of size " + shape[d] + " gives a negative size " + size);
      }
      shape[d] = Math.toIntExact(size);
    }
    return mode == PadMode.CONSTANT ? constant(x, pad, shape, value) : indexed(op, x, pad, mode);
  }

  private static Tensor constant(Tensor x, int[] pad, int[] shape, double value) {
    Tensor out = Creation.full(shape, value, x.dtype(), x.device());
    View src = x.layout(), dst = out.layout();
    for (int k = 0; k < pad.length / 2; k++) {
      int d = x.dim() - 1 - k, l = pad[2 * k], r = pad[2 * k + 1];
      int cropL = Math.max(0, -l), len = x.shape()[d] - cropL - Math.max(0, -r);
      if (len <= 0) return out; // everything cropped: the border is all there is
      src = Joining.narrow(src, d, cropL, len);
      dst = Joining.narrow(dst, d, Math.max(0, l), len);
    }
    if (out.numel() > 0 && x.numel() > 0) out.backend().copy(src, dst);
    return out;
  }

  /** One index-select per padded dim, with each output position mapped to its source position. */
  private static Tensor indexed(String op, Tensor x, int[] pad, PadMode mode) {
    Tensor cur = Creation.copy(x);
    for (int k = 0; k < pad.length / 2; k++) {
      int d = x.dim() - 1 - k, l = pad[2 * k], r = pad[2 * k + 1];
      if (l == 0 && r == 0) continue;
      int cropL = Math.max(0, -l), padL = Math.max(0, l), padR = Math.max(0, r);
      int n = x.shape()[d] - cropL - Math.max(0, -r);
      String name = mode.name().toLowerCase();
      boolean ok = switch (mode) {
        case REFLECT -> padL < n && padR < n;
        case CIRCULAR -> padL <= n && padR <= n;
        default -> n > 0 || padL + padR == 0;
      };
      if (!ok) {
        throw new IllegalArgumentException(op + ": " + name + " padding (" + l + ", " + r + ") at dim " + d
            + " needs " + (mode == PadMode.REFLECT ? "each side less than" : mode == PadMode.CIRCULAR
            ? "each side at most" : "a nonempty") + " input size " + n + " (input " + Shapes.str(x.shape()) + ")");
      }
      long[] src = new long[n + padL + padR];
      for (int j = 0; j < src.length; j++) src[j] = cropL + source(mode, j - padL, n);
      cur = Joining.replace(cur, select(cur, d, src));
    }
    return cur;
  }

  /** Where position i (may lie outside [0, n)) reads from in a line of n elements. */
  private static int source(PadMode mode, int i, int n) {
    return switch (mode) {
      case REFLECT -> i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
      case REPLICATE -> Math.max(0, Math.min(n - 1, i));
      case CIRCULAR -> Math.floorMod(i, n);
      case CONSTANT -> throw new IllegalStateException("constant padding has no source index");
    };
  }

  /** x.indexSelect(d, positions) for host-computed positions (already in range). */
  static Tensor select(Tensor x, int d, long[] positions) {
    try (Tensor host = Tensor.of(positions); Tensor idx = host.to(x.device())) {
      return Indexing.indexSelect(x, d, idx);
    }
  }
}

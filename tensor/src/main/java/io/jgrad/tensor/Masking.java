package io.jgrad.tensor;

import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;

/** Boolean-mask ops (maskedFill, maskedSelect) and nonzero; part of the indexing family. */
final class Masking {
  private Masking() {}

  /**
   * out = mask ? value : x, value cast to x's dtype (truncated for ints, nonzero-is-true for bool).
   * Shape: broadcast(x, mask); mask is BOOL.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.masked_fill_.html">torch.Tensor.masked_fill_</a>
   */
  static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    String op = "maskedFill";
    checkMask(op, x, mask);
    int[] shape = Shapes.broadcast(op, x.shape(), mask.shape());
    Tensor out = Creation.emptyOn(x, x.dtype(), shape);
    if (out.numel() == 0) return out;
    try (Tensor xb = x.expand(shape); Tensor mb = mask.expand(shape);
         Tensor v = Creation.full(new int[0], value, x.dtype(), x.device()); Tensor vb = v.expand(shape)) {
      x.backend().where(mb.layout(), vb.layout(), xb.layout(), out.layout());
    }
    return out;
  }

  /**
   * self[mask] = value in place; mask (BOOL) must broadcast to self's shape. Returns self.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.masked_fill_.html">torch.Tensor.masked_fill_</a>
   */
  static Tensor maskedFillInPlace(Tensor self, Tensor mask, double value) {
    String op = "maskedFillInPlace";
    checkMask(op, self, mask);
    int[] shape = Shapes.broadcast(op, self.shape(), mask.shape());
    if (!java.util.Arrays.equals(shape, self.shape())) {
      throw new IllegalArgumentException(op + ": mask " + Shapes.str(mask.shape()) + " does not broadcast to "
          + Shapes.str(self.shape()) + " (the result would be " + Shapes.str(shape) + ")");
    }
    if (self.numel() == 0) return self;
    try (Tensor mb = mask.expand(shape);
         Tensor v = Creation.full(new int[0], value, self.dtype(), self.device()); Tensor vb = v.expand(shape)) {
      // Elementwise where reads each element before writing the same position, so out may alias b.
      self.backend().where(mb.layout(), vb.layout(), self.layout(), self.layout());
    }
    return self;
  }

  /**
   * The elements of broadcast(x, mask) where mask is true, in row-major order, as 1-D.
   * Shape: [number of true mask elements after broadcasting].
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.masked_select.html">torch.masked_select</a>
   */
  static Tensor maskedSelect(Tensor x, Tensor mask) {
    String op = "maskedSelect";
    checkMask(op, x, mask);
    int[] shape = Shapes.broadcast(op, x.shape(), mask.shape());
    int n = Shapes.numel(shape);
    try (Tensor mb = mask.expand(shape); Tensor mflat = mb.reshape(n); Tensor idx = flatNonzero(mflat)) {
      Tensor out = Creation.emptyOn(x, x.dtype(), new int[] {idx.numel()});
      if (idx.numel() == 0) return out;
      try (Tensor xb = x.expand(shape); Tensor xflat = xb.reshape(n)) {
        x.backend().gather(xflat.layout(), 0, idx.layout(), out.layout());
      }
      return out;
    }
  }

  /**
   * Coordinates of the nonzero elements (NaN is nonzero), in row-major order, INT64.
   * Shape: [count, x.dim()].
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.nonzero.html">torch.nonzero</a>
   */
  static Tensor nonzero(Tensor x) {
    if (x.dim() == 0) {
      try (Tensor v = x.reshape(1); Tensor c = flatNonzero(v)) {
        return Creation.empty(DType.INT64, new int[] {c.numel(), 0}, x.device());
      }
    }
    int rank = x.dim();
    Buffer b = x.backend().nonzero(x.layout());
    int count = b.length() / rank;
    int[] shape = {count, rank};
    return Tensor.wrap(x.backend(), new View(b, DType.INT64, shape, Shapes.contiguousStrides(shape), 0));
  }

  /** Positions of the nonzero elements of a 1-D tensor, as a 1-D INT64 tensor. */
  private static Tensor flatNonzero(Tensor v) {
    Buffer b = v.backend().nonzero(v.layout());
    int[] shape = {b.length()};
    return Tensor.wrap(v.backend(), new View(b, DType.INT64, shape, new int[] {1}, 0));
  }

  private static void checkMask(String op, Tensor x, Tensor mask) {
    if (mask.dtype() != DType.BOOL) {
      throw new IllegalArgumentException(op + ": mask must be bool, got " + mask.dtype());
    }
    Indexing.sameDevice(op, x, mask);
  }
}

package io.jgrad.tensor;

import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/**
 * In-place elementwise ops: the result must keep {@code self}'s shape (other broadcasts to it)
 * and be castable to self's dtype by PyTorch's can_cast rule (no float into an integer tensor,
 * no number into a bool one). An operand that overlaps self with another layout is copied
 * first, so {@code x.addInPlace(x.t())} reads the values from before the op. Writing into an
 * expanded (stride-0) view is refused, as in PyTorch.
 */
final class ElementwiseInPlace {
  private ElementwiseInPlace() {}

  static Tensor inPlace(BinaryOp op, Tensor self, Tensor other) {
    String name = ElementwiseBinary.name(op) + "InPlace";
    ElementwiseBinary.checkDevices(name, self, other);
    ElementwiseBinary.checkDtypes(op, self.dtype(), other.dtype());
    checkWritable(name, self);
    DType common = Promotion.resultType(self, other);
    checkCast(name, ElementwiseBinary.resultType(op, common), self.dtype());
    checkBroadcast(name, self, other);
    try (Tensor src = unaliased(self, other)) {
      DType t = ElementwiseBinary.computeType(op, common);
      if (!op.isComparison() && t == self.dtype()) {
        ElementwiseBinary.runInto(op, self, src, t, self);
      } else {
        try (Tensor r = ElementwiseBinary.compute(op, self, src, common)) {
          self.backend().copy(r.layout(), self.layout());
        }
      }
    }
    return self;
  }

  static Tensor inPlace(BinaryOp op, Tensor self, double other) {
    try (Tensor s = ElementwiseBinary.wrapScalar(self, other)) {
      return inPlace(op, self, s);
    }
  }

  static Tensor addInPlace(Tensor self, Tensor other, double alpha) {
    if (alpha == 1) return inPlace(BinaryOp.ADD, self, other);
    ElementwiseBinary.checkDevices("addInPlace", self, other);
    DType common = Promotion.resultType(self, other);
    checkCast("addInPlace", common, self.dtype());
    checkBroadcast("addInPlace", self, other);
    try (Tensor scaled = ElementwiseBinary.scaled("addInPlace", other, alpha, common)) {
      return inPlace(BinaryOp.ADD, self, scaled);
    }
  }

  static Tensor clampInPlace(Tensor self, double min, double max) {
    checkWritable("clampInPlace", self);
    DType t = Elementwise.clampType("clampInPlace", self, min, max);
    checkCast("clampInPlace", t, self.dtype());
    if (t == self.dtype()) {
      self.backend().unary(UnaryOp.CLAMP, self.layout(), self.layout(), min, max);
    } else {
      try (Tensor r = Elementwise.clamp(self, min, max)) {
        self.backend().copy(r.layout(), self.layout());
      }
    }
    return self;
  }

  /** Copies other into self, broadcasting it to self's shape and casting to self's dtype. */
  static Tensor copyFrom(Tensor self, Tensor other) {
    ElementwiseBinary.checkDevices("copyFrom", self, other);
    checkWritable("copyFrom", self);
    checkBroadcast("copyFrom", self, other);
    try (Tensor src = unaliased(self, other); Tensor e = src.expand(self.shape())) {
      self.backend().copy(e.layout(), self.layout());
    }
    return self;
  }

  /** Every element of self set to value cast to self's dtype; an expanded self is allowed (as torch's fill_). */
  static Tensor fill(Tensor self, double value) {
    self.backend().fill(self.layout(), value);
    return self;
  }

  /** PyTorch's can_cast: a result may only go into a dtype of the same or a higher category. */
  static void checkCast(String op, DType result, DType target) {
    if (result.category().compareTo(target.category()) > 0) {
      throw new IllegalArgumentException(op + ": result type " + result + " can't be cast to the desired output type "
          + target);
    }
  }

  static void checkWritable(String op, Tensor self) {
    int[] shape = self.shape(), strides = self.strides();
    if (self.numel() == 0) return;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] > 1 && strides[d] == 0) {
        throw new IllegalArgumentException(op + ": unsupported operation: more than one element of the written-to "
            + "tensor refers to a single memory location (stride 0 on dim " + d + " of shape " + Shapes.str(shape)
            + "); copy() the tensor before writing to it");
      }
    }
  }

  static void checkBroadcast(String op, Tensor self, Tensor other) {
    int[] b = Shapes.broadcast(op, self.shape(), other.shape());
    if (!Arrays.equals(b, self.shape())) {
      throw new IllegalArgumentException(op + ": output with shape " + Shapes.str(self.shape())
          + " doesn't match the broadcast shape " + Shapes.str(b) + " (other has shape " + Shapes.str(other.shape()) + ")");
    }
  }

  /**
   * other itself (a new reference), or a private copy when it shares self's buffer with a
   * different layout: reading it while self is written would see values already overwritten.
   */
  private static Tensor unaliased(Tensor self, Tensor other) {
    View s = self.layout(), o = other.layout();
    boolean same = s.offset() == o.offset() && Arrays.equals(s.shape(), o.shape()) && Arrays.equals(s.strides(), o.strides());
    if (self.sharesMemoryWith(other) && !same) return other.copy();
    return Creation.viewOf(other, other.shape(), other.strides(), other.offset());
  }
}

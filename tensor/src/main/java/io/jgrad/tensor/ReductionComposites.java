package io.jgrad.tensor;

import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.UnaryOp;

/**
 * Reductions composed of backend primitives (reduce, unary, binary, where): variance,
 * standard deviation, vector norms and log-sum-exp. Temporaries are closed as soon as they
 * are used, so their buffers go back to the pool.
 */
final class ReductionComposites {
  private ReductionComposites() {}

  /**
   * var = sum_i (x_i - mean)^2 / max(0, n - correction), two passes (mean first) for accuracy;
   * std = sqrt(var). A divisor of 0 gives inf (or NaN for 0/0) as in PyTorch. Floating only.
   */
  static Tensor var(String name, Tensor x, int[] dims, int correction, boolean keepDim, boolean sqrt) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(name + ": std and var only support floating point dtypes, got "
          + x.dtype() + " (shape " + Shapes.str(x.shape()) + ")");
    }
    int[] axes = Shapes.dims(name, dims, x.dim());
    Backend b = x.backend();
    double divisor = Math.max(0, Reductions.reducedCount(x, axes) - (double) correction);
    Tensor sum;
    try (Tensor mean = Reductions.reduce(ReduceOp.MEAN, x, axes, true, x.dtype());
         Tensor meanX = mean.expand(x.shape());
         Tensor dev = Creation.emptyOn(x, x.dtype(), x.shape());
         Tensor sq = Creation.emptyOn(x, x.dtype(), x.shape())) {
      b.binary(BinaryOp.SUB, x.layout(), meanX.layout(), dev.layout());
      b.binary(BinaryOp.MUL, dev.layout(), dev.layout(), sq.layout());
      sum = Reductions.reduce(ReduceOp.SUM, sq, axes, true, x.dtype());
    }
    Tensor out = divScalar(sum, divisor);
    if (sqrt) out = unary(UnaryOp.SQRT, out);
    return keepDim ? out : Reductions.dropAxes(out, axes);
  }

  /**
   * ||x||_p = (sum_i |x_i|^p)^(1/p) over dims. p = +inf: max |x_i|; p = -inf: min |x_i|; p = 0:
   * the number of nonzeros (as x's dtype); p = 1, 2 avoid pow. Over zero elements every p gives
   * 0. NaN propagates. Floating only.
   */
  static Tensor norm(Tensor x, double p, int[] dims, boolean keepDim) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("norm(): input dtype should be floating point, got " + x.dtype()
          + " (shape " + Shapes.str(x.shape()) + ")");
    }
    if (Double.isNaN(p)) throw new IllegalArgumentException("norm: p must not be NaN");
    int[] axes = Shapes.dims("norm", dims, x.dim());
    Tensor out;
    if (Double.isInfinite(p) && Reductions.reducedCount(x, axes) == 0) {
      out = Creation.full(Shapes.reduced(x.shape(), axes, true), 0, x.dtype(), x.device());
    } else if (Double.isInfinite(p)) {
      try (Tensor a = unary(UnaryOp.ABS, ref(x))) {
        out = Reductions.reduce(p > 0 ? ReduceOp.MAX : ReduceOp.MIN, a, axes, true, x.dtype());
      }
    } else if (p == 0) {
      try (Tensor nz = Creation.cast(x, DType.BOOL); Tensor f = Creation.cast(nz, x.dtype())) {
        out = Reductions.reduce(ReduceOp.SUM, f, axes, true, x.dtype());
      }
    } else if (p == 2) {
      try (Tensor sq = Creation.emptyOn(x, x.dtype(), x.shape())) {
        x.backend().binary(BinaryOp.MUL, x.layout(), x.layout(), sq.layout());
        out = unary(UnaryOp.SQRT, Reductions.reduce(ReduceOp.SUM, sq, axes, true, x.dtype()));
      }
    } else {
      try (Tensor a = unary(UnaryOp.ABS, ref(x))) {
        if (p == 1) {
          out = Reductions.reduce(ReduceOp.SUM, a, axes, true, x.dtype());
        } else {
          try (Tensor ap = unary(UnaryOp.POW_SCALAR, ref(a), p)) {
            out = unary(UnaryOp.POW_SCALAR, Reductions.reduce(ReduceOp.SUM, ap, axes, true, x.dtype()), 1 / p);
          }
        }
      }
    }
    return keepDim ? out : Reductions.dropAxes(out, axes);
  }

  /**
   * log(sum_i exp(x_i)) over dims, as m + log(sum_i exp(x_i - m)) with m the max, replaced by 0
   * when infinite (PyTorch's rule: all -inf gives -inf, any +inf gives +inf). Integral and bool
   * inputs compute in the default float dtype. Over zero elements: -inf.
   */
  static Tensor logSumExp(Tensor x, int[] dims, boolean keepDim) {
    int[] axes = Shapes.dims("logSumExp", dims, x.dim());
    DType t = Promotion.floatingOf(x.dtype());
    Backend b = x.backend();
    Tensor out;
    try (Tensor xf = Creation.cast(x, t)) {
      int[] kept = Shapes.reduced(x.shape(), axes, true);
      if (Reductions.reducedCount(x, axes) == 0) {
        out = Creation.full(kept, Double.NEGATIVE_INFINITY, t, x.device());
      } else {
        try (Tensor m = Reductions.reduce(ReduceOp.MAX, xf, axes, true, t);
             Tensor inf = unary(UnaryOp.ISINF, ref(m), DType.BOOL);
             Tensor zero = Creation.full(kept, 0, t, x.device());
             Tensor shift = Creation.emptyOn(x, t, kept)) {
          b.where(inf.layout(), zero.layout(), m.layout(), shift.layout());
          try (Tensor shiftX = shift.expand(x.shape());
               Tensor d = Creation.emptyOn(x, t, x.shape())) {
            b.binary(BinaryOp.SUB, xf.layout(), shiftX.layout(), d.layout());
            try (Tensor e = unary(UnaryOp.EXP, d);
                 Tensor log = unary(UnaryOp.LOG, Reductions.reduce(ReduceOp.SUM, e, axes, true, t))) {
              out = Creation.emptyOn(x, t, kept);
              b.binary(BinaryOp.ADD, log.layout(), shift.layout(), out.layout());
            }
          }
        }
      }
    }
    return keepDim ? out : Reductions.dropAxes(out, axes);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A new reference to x (closing it leaves x open). */
  private static Tensor ref(Tensor x) { return Creation.viewOf(x, x.shape(), x.strides(), x.offset()); }

  /** op(x) as a new tensor of x's dtype; closes x. */
  private static Tensor unary(UnaryOp op, Tensor x, double... args) { return unary(op, x, x.dtype(), args); }

  private static Tensor unary(UnaryOp op, Tensor x, DType outType, double... args) {
    try (x) {
      Tensor out = Creation.emptyOn(x, outType, x.shape());
      x.backend().unary(op, x.layout(), out.layout(), args);
      return out;
    }
  }

  /** x / divisor as a new tensor; closes x. */
  private static Tensor divScalar(Tensor x, double divisor) {
    try (x;
         Tensor d = Creation.full(new int[0], divisor, x.dtype(), x.device());
         Tensor dX = d.expand(x.shape())) {
      Tensor out = Creation.emptyOn(x, x.dtype(), x.shape());
      x.backend().binary(BinaryOp.DIV, x.layout(), dX.layout(), out.layout());
      return out;
    }
  }
}

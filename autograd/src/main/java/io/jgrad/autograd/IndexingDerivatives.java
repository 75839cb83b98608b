package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the index-driven ops (gather, scatter, indexSelect, indexAdd, masks, take);
 * the joining ops are in {@link JoiningDerivatives}. Index and mask inputs get no gradient.
 * Every backward is the adjoint index op (gather and scatterAdd, indexSelect and indexAdd are
 * each other's adjoints), so repeated indices accumulate and double backward stays linear.
 * As in PyTorch, scatter's src gradient is {@code grad.gather(dim, index)} even where a
 * repeated index let another src element win.
 */
final class IndexingDerivatives {
  private IndexingDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("gather", (c, g) -> new Tensor[] {
        c.needsGrad(0) ? zeros(c.inputShape(0), g).scatterAdd(c.intParam(0), c.input(1), g) : null, null});
    m.put("scatter", (c, g) -> new Tensor[] {
        c.needsGrad(0) ? g.scatter(c.intParam(0), c.input(1), 0.0) : null, null,
        c.needsGrad(2) ? srcGrad(c, g) : null});
    m.put("scatterValue", (c, g) -> new Tensor[] {g.scatter(c.intParam(0), c.input(1), 0.0), null});
    m.put("scatterAdd", (c, g) -> new Tensor[] {c.needsGrad(0) ? g : null, null, c.needsGrad(2) ? srcGrad(c, g) : null});
    m.put("indexSelect", (c, g) -> {
      int[] xs = c.inputShape(0);
      Tensor index = c.input(1);
      if (xs.length == 0) return new Tensor[] {g.reshape(), null};
      int d = Shapes.dim("indexSelect", c.intParam(0), xs.length);
      return new Tensor[] {zeros(xs, g).indexAdd(d, index.reshape(index.numel()), g, 1.0), null};
    });
    m.put("indexAdd", IndexingDerivatives::indexAdd);
    m.put("maskedFill", (c, g) -> new Tensor[] {
        Derivatives.sumToShape(g.maskedFill(c.input(1), 0.0), c.inputShape(0)), null});
    m.put("maskedSelect", IndexingDerivatives::maskedSelect);
    m.put("take", IndexingDerivatives::take);
    JoiningDerivatives.register(m);
  }

  /** src[i] went to out[... index[i] ...]: its gradient is read back from there (scatter/scatterAdd). */
  private static Tensor srcGrad(Ctx c, Tensor g) {
    int[] srcShape = c.inputShape(2);
    Tensor index = c.input(1);
    Tensor picked = g.gather(c.intParam(0), index);
    // src may be larger than index: the elements outside index's extent were never used.
    return embedCorner(picked, srcShape);
  }

  /** Zeros of {@code shape} with t in the leading corner (t's size <= shape in every dim). */
  private static Tensor embedCorner(Tensor t, int[] shape) {
    Tensor r = t;
    for (int d = 0; d < shape.length; d++) r = MovementDerivatives.embed(r, d, 0, shape[d]);
    return r;
  }

  private static Tensor[] indexAdd(Ctx c, Tensor g) {
    int rank = c.inputShape(0).length;
    Tensor index = c.input(1);
    double alpha = c.doubleParam(1);
    Tensor gs = null;
    if (c.needsGrad(2)) {
      int d = rank == 0 ? 0 : Shapes.dim("indexAdd", c.intParam(0), rank);
      gs = rank == 0 ? g : g.indexSelect(d, index.reshape(index.numel()));
      if (alpha != 1.0) gs = gs.mul(alpha);
      gs = gs.reshape(c.inputShape(2));
    }
    return new Tensor[] {c.needsGrad(0) ? g : null, null, gs};
  }

  /** Scatter the selected gradient back to the true positions of the broadcast mask. */
  private static Tensor[] maskedSelect(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    Tensor mask = c.input(1);
    int[] shape = Shapes.broadcast("maskedSelect", xs, mask.shape());
    int n = Shapes.numel(shape);
    Tensor pos = mask.expand(shape).reshape(n).nonzero().reshape(g.numel());
    Tensor flat = Tensor.full(new int[] {n}, 0, g.dtype(), g.device()).indexAdd(0, pos, g, 1.0);
    return new Tensor[] {Derivatives.sumToShape(flat.reshape(shape), xs), null};
  }

  /** take reads flat(x)[index]; negative indices count from the end. */
  private static Tensor[] take(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int n = Shapes.numel(xs);
    long[] idx = c.input(1).toLongArray();
    for (int i = 0; i < idx.length; i++) if (idx[i] < 0) idx[i] += n;
    Tensor flat = Tensor.full(new int[] {n}, 0, g.dtype(), g.device())
        .indexAdd(0, onDevice(Tensor.of(idx), g.device()), g.reshape(idx.length), 1.0);
    return new Tensor[] {flat.reshape(xs), null};
  }

  /** Zeros of {@code shape} with the gradient's dtype and device. */
  static Tensor zeros(int[] shape, Tensor g) { return Tensor.full(shape, 0, g.dtype(), g.device()); }

  static Tensor onDevice(Tensor t, Device device) { return t.device().equals(device) ? t : t.to(device); }

  static Tensor longs(long[] values, Tensor like) { return onDevice(Tensor.of(values), like.device()).to(DType.INT64); }
}

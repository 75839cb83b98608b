package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the movement (view) ops. Each is linear in its input, so the backward is the
 * adjoint movement: reshapes reshape back, permutations permute back, expand sums back,
 * narrow/slice/select embed the gradient in zeros (a constant pad, whose own adjoint is the
 * crop, so double backward stays a view op), unfold adds the overlapping windows back
 * ({@code indexAdd}).
 */
final class MovementDerivatives {
  private MovementDerivatives() {}

  static void register(Map<String, Derivative> m) {
    Derivative reshapeBack = (c, g) -> new Tensor[] {g.reshape(c.inputShape(0))};
    Derivative identity = (c, g) -> new Tensor[] {g};
    for (String op : new String[] {"view", "reshape", "squeeze", "squeezeDim", "unsqueeze", "flatten", "unflatten"}) {
      m.put(op, reshapeBack);
    }
    m.put("contiguous", identity);
    m.put("copy", identity);
    m.put("permute", MovementDerivatives::permute);
    m.put("transpose", (c, g) -> new Tensor[] {g.transpose(c.intParam(0), c.intParam(1))});
    m.put("t", (c, g) -> new Tensor[] {g.dim() < 2 ? g : g.t()});
    m.put("movedim", (c, g) -> new Tensor[] {g.movedim(c.intParam(1), c.intParam(0))});
    m.put("expand", (c, g) -> new Tensor[] {Derivatives.sumToShape(g, c.inputShape(0))});
    m.put("narrow", MovementDerivatives::narrow);
    m.put("slice", MovementDerivatives::slice);
    m.put("select", MovementDerivatives::select);
    m.put("unfold", MovementDerivatives::unfold);
    // The engine casts the result to the input's dtype; an integer target is not differentiable.
    m.put("toDtype", (c, g) -> new Tensor[] {g.to(c.inputDtype(0))});
    m.put("toDevice", (c, g) -> new Tensor[] {g.to(c.input(0).device())});
  }

  private static Tensor[] permute(Ctx c, Tensor g) {
    int[] dims = c.intsParam(0);
    int[] inv = new int[dims.length];
    for (int i = 0; i < dims.length; i++) inv[Shapes.dim("permute", dims[i], dims.length)] = i;
    return new Tensor[] {g.permute(inv)};
  }

  private static Tensor[] narrow(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int d = Shapes.dim("narrow", c.intParam(0), xs.length);
    int start = c.intParam(1);
    if (start < 0) start += xs[d];
    return new Tensor[] {embed(g, d, start, xs[d])};
  }

  private static Tensor[] select(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int d = Shapes.dim("select", c.intParam(0), xs.length);
    int i = c.intParam(1);
    if (i < 0) i += xs[d];
    return new Tensor[] {embed(g.unsqueeze(d), d, i, xs[d])};
  }

  /** Stepped slice: interleave step-1 zeros after each picked row, then embed at start. */
  private static Tensor[] slice(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int d = Shapes.dim("slice", c.intParam(0), xs.length);
    int size = xs[d], step = c.intParam(3);
    int start = clamp(c.intParam(1), size), n = g.shape()[d];
    if (n == 0) return new Tensor[] {Tensor.full(xs, 0, g.dtype(), g.device())};
    Tensor spread = g;
    if (step > 1) {
      int[] shape = g.shape();
      shape[d] = n * step;
      spread = embed(g.unsqueeze(d + 1), d + 1, 0, step).reshape(shape);
      int room = size - start;
      if (n * step > room) spread = spread.narrow(d, 0, room);
    }
    return new Tensor[] {embed(spread, d, start, size)};
  }

  private static int clamp(int i, int size) {
    if (i < 0) i += size;
    return Math.max(0, Math.min(size, i));
  }

  /** Zeros of {@code size} along d with g's rows at [start, start + g.size(d)). */
  static Tensor embed(Tensor g, int d, int start, int size) {
    int len = g.shape()[d];
    if (start == 0 && len == size) return g;
    int[] pad = new int[2 * (g.dim() - d)];
    pad[pad.length - 2] = start;
    pad[pad.length - 1] = size - start - len;
    return g.pad(pad, PadMode.CONSTANT, 0);
  }

  /** Window w, offset j came from input row w * step + j: add every window back (overlaps sum). */
  private static Tensor[] unfold(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int size = c.intParam(1), step = c.intParam(2);
    if (xs.length == 0) return new Tensor[] {g.sum(new int[] {0}, false)};
    int d = Shapes.dim("unfold", c.intParam(0), xs.length);
    int windows = g.shape()[d];
    long[] rows = new long[windows * size];
    for (int w = 0; w < windows; w++) for (int j = 0; j < size; j++) rows[w * size + j] = (long) w * step + j;
    int[] flat = xs.clone();
    flat[d] = windows * size;
    Tensor src = g.movedim(g.dim() - 1, d + 1).reshape(flat);
    Tensor zeros = Tensor.full(xs, 0, g.dtype(), g.device());
    return new Tensor[] {zeros.indexAdd(d, IndexingDerivatives.longs(rows, g), src, 1.0)};
  }
}

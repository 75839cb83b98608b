package io.jgrad.autograd;

import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the joining ops: cat/stack hand each input its slice of the gradient, pad
 * crops (constant) or adds the border back onto the edge rows it copied (reflect, replicate,
 * circular), flip/roll undo themselves, repeat sums the tiles, tril/triu mask the gradient.
 */
final class JoiningDerivatives {
  private JoiningDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("cat", JoiningDerivatives::cat);
    m.put("stack", (c, g) -> {
      int d = Shapes.dim("stack", c.intParam(0), g.dim());
      Tensor[] r = new Tensor[c.inputCount()];
      for (int k = 0; k < r.length; k++) if (c.needsGrad(k)) r[k] = g.select(d, k);
      return r;
    });
    m.put("pad", JoiningDerivatives::pad);
    m.put("flip", (c, g) -> new Tensor[] {g.flip(c.intsParam(0))});
    m.put("roll", (c, g) -> {
      int[] shifts = c.intsParam(0);
      for (int i = 0; i < shifts.length; i++) shifts[i] = -shifts[i];
      return new Tensor[] {g.roll(shifts, c.intsParam(1))};
    });
    m.put("repeat", JoiningDerivatives::repeat);
    m.put("tril", (c, g) -> new Tensor[] {g.tril(c.intParam(0))});
    m.put("triu", (c, g) -> new Tensor[] {g.triu(c.intParam(0))});
  }

  private static Tensor[] cat(Ctx c, Tensor g) {
    Tensor[] r = new Tensor[c.inputCount()];
    if (g.dim() == 1 && g.shape()[0] == 0 && allSkipped(c)) {
      for (int k = 0; k < r.length; k++) if (c.needsGrad(k)) r[k] = IndexingDerivatives.zeros(c.inputShape(k), g);
      return r;
    }
    int d = Shapes.dim("cat", c.intParam(0), g.dim());
    int offset = 0;
    for (int k = 0; k < r.length; k++) {
      int[] xs = c.inputShape(k);
      // torch's legacy rule: 1-D empty tensors are skipped by cat whatever the rank of the others.
      if (skipped(xs)) {
        if (c.needsGrad(k)) r[k] = IndexingDerivatives.zeros(xs, g);
        continue;
      }
      int len = xs[d];
      if (c.needsGrad(k)) r[k] = g.narrow(d, offset, len);
      offset += len;
    }
    return r;
  }

  private static boolean skipped(int[] s) { return s.length == 1 && s[0] == 0; }

  private static boolean allSkipped(Ctx c) {
    for (int k = 0; k < c.inputCount(); k++) if (!skipped(c.inputShape(k))) return false;
    return true;
  }

  /** Constant: crop the border (the negated padding, which also re-pads cropped sides with 0). */
  private static Tensor[] pad(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int[] pad = c.intsParam(0);
    PadMode mode = c.param(1, PadMode.class);
    if (mode == PadMode.CONSTANT) {
      int[] neg = new int[pad.length];
      for (int i = 0; i < pad.length; i++) neg[i] = -pad[i];
      return new Tensor[] {g.pad(neg, PadMode.CONSTANT, 0)};
    }
    // The forward is one index-select per padded dim (last dim first); the adjoint adds each
    // output row back to its source row, one dim at a time in any order (they commute).
    Tensor cur = g;
    for (int k = 0; k < pad.length / 2; k++) {
      int d = xs.length - 1 - k, l = pad[2 * k], r = pad[2 * k + 1];
      if (l == 0 && r == 0) continue;
      int size = xs[d];
      int cropL = Math.max(0, -l), padL = Math.max(0, l), padR = Math.max(0, r);
      int n = size - cropL - Math.max(0, -r);
      long[] src = new long[n + padL + padR];
      for (int j = 0; j < src.length; j++) src[j] = cropL + source(mode, j - padL, n);
      int[] shape = cur.shape();
      shape[d] = size;
      Tensor zeros = Tensor.full(shape, 0, g.dtype(), g.device());
      cur = zeros.indexAdd(d, IndexingDerivatives.longs(src, g), cur, 1.0);
    }
    return new Tensor[] {cur};
  }

  /** The input row (0..n-1) that output row i (relative to the unpadded start) copies. */
  private static int source(PadMode mode, int i, int n) {
    return switch (mode) {
      case REFLECT -> i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
      case REPLICATE -> Math.max(0, Math.min(n - 1, i));
      default -> Math.floorMod(i, n);
    };
  }

  /** Output dim j has repeats[j] tiles of the (1-padded) input dim: view as [r, s] pairs and sum r. */
  private static Tensor[] repeat(Ctx c, Tensor g) {
    int[] xs = c.inputShape(0);
    int[] reps = c.intsParam(0);
    int lead = reps.length - xs.length;
    int[] pairs = new int[2 * reps.length];
    int[] sumDims = new int[reps.length];
    for (int j = 0; j < reps.length; j++) {
      pairs[2 * j] = reps[j];
      pairs[2 * j + 1] = j < lead ? 1 : xs[j - lead];
      sumDims[j] = 2 * j;
    }
    if (reps.length == 0) return new Tensor[] {g};
    return new Tensor[] {g.reshape(pairs).sum(sumDims, false).reshape(xs)};
  }
}

package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pruning masks on weights: a pruned weight is set to exactly zero and stays zero, because
 * {@link #apply()} re-zeroes it after every optimizer step (whatever the optimizer's momentum
 * does). Masks only grow: a weight pruned once is never revived. Used by ART, LOBSTER's
 * threshold pruning and the sparsity demonstrations.
 */
public final class MagnitudeMask {
  private final Map<Tensor, Tensor> keep = new IdentityHashMap<>();

  /**
   * The global magnitude threshold of HyperSparse's pruner: the value at index
   * {@code floor(rate * n)} of all |w| sorted ascending. Shape: tensors of any shape -> double.
   */
  public static double globalThreshold(List<Tensor> weights, double rate) {
    if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("MagnitudeMask: prune rate must be in [0, 1), got " + rate);
    try (var off = Grad.disabled()) {
      List<Tensor> flat = new ArrayList<>();
      for (Tensor w : weights) flat.add(w.detach().reshape(-1).abs().to(DType.FLOAT64));
      Tensor all = Tensor.cat(flat, 0).sort(0, false).values();
      return all.select(0, (int) Math.floor(rate * all.numel())).item();
    }
  }

  /** Prunes every weight with |w| &lt;= the global threshold of {@code rate} (the reference keeps |w| > t). */
  public MagnitudeMask pruneGlobal(List<Tensor> weights, double rate) {
    double t = globalThreshold(weights, rate);
    for (Tensor w : weights) restrict(w, t, false);
    return this;
  }

  /** Prunes every weight with |w| &lt; {@code threshold} (LOBSTER's threshold pruning). */
  public MagnitudeMask pruneBelow(List<Tensor> weights, double threshold) {
    if (!(threshold >= 0)) throw new IllegalArgumentException("MagnitudeMask: threshold must be >= 0, got " + threshold);
    for (Tensor w : weights) restrict(w, threshold, true);
    return this;
  }

  private void restrict(Tensor w, double t, boolean inclusive) {
    try (var off = Grad.disabled()) {
      Tensor a = w.detach().abs();
      Tensor k = (inclusive ? a.ge(t) : a.gt(t)).to(w.dtype());
      Tensor old = keep.get(w);
      Tensor merged = old == null ? k : old.to(w.device()).mul(k);
      keep.put(w, io.jgrad.tensor.TensorScope.untracked(merged::copy));
    }
    apply();
  }

  /** Zeroes the pruned weights in place (and their gradients, when set). */
  public void apply() {
    try (var off = Grad.disabled()) {
      for (Map.Entry<Tensor, Tensor> e : keep.entrySet()) {
        Tensor w = e.getKey(), m = e.getValue();
        if (!m.device().equals(w.device())) m.toInPlace(w.device());
        w.mulInPlace(m);
        if (w.grad() != null) w.grad().mulInPlace(m);
      }
    }
  }

  /** True when {@code w} has a mask. */
  public boolean has(Tensor w) { return keep.containsKey(w); }

  /** The fraction of exactly-zero elements over {@code weights}. */
  public static double sparsity(List<Tensor> weights) {
    long zero = 0, total = 0;
    for (Tensor w : weights) {
      for (double v : w.toDoubleArray()) if (v == 0) zero++;
      total += w.numel();
    }
    return total == 0 ? 0 : (double) zero / total;
  }
}

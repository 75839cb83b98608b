package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lovász-Softmax and the binary Lovász hinge (Berman, Rannen Triki and Blaschko 2018), surrogates
 * of the Jaccard index that sort the pixel errors. Paper 25 ("Loss Functions in the Era of
 * Semantic Segmentation: A Survey and Outlook"). Transcribed from, and golden-tested against a
 * PyTorch run of, the authors' {@code bermanmaxim/LovaszSoftmax pytorch/lovasz_losses.py}.
 *
 * <p>For a class c with foreground indicator g and errors e (sorted descending, permutation π):
 * {@code inter_k = Σg − cumsum(g_π)_k}, {@code union_k = Σg + cumsum(1 − g_π)_k},
 * {@code J_k = 1 − inter_k/union_k}, and the Lovász gradient
 * {@code ∇ = [J_1, J_2 − J_1, ..., J_P − J_{P−1}]}; the class loss is {@code ⟨e_π, ∇⟩}. The
 * gradient flows through the sorted errors only; ∇ (a function of the labels) is a constant.
 * Ties among errors do not change the value; the gradient at a tie follows a stable sort.
 */
public final class LovaszLosses {
  private LovaszLosses() {}

  /**
   * Lovász-Softmax: the mean over classes of {@code ⟨e_π, ∇⟩} with {@code e_i = |g_i − p_i,c|}.
   * {@code classes}: "present" (default: the classes that occur among the non-ignored labels),
   * "all", or a list of class indices "0;2" (as the reference's list argument). With
   * {@code perImage} the loss is computed per image and averaged (the reference default is false);
   * otherwise all pixels of the batch are pooled. Pixels labelled {@code ignore} (null: none) are
   * dropped. No class to average (nothing present, or every pixel ignored) gives 0, with a zero
   * gradient, as the reference's {@code mean(..., empty=0)}.
   *
   * <p>C = 1 means a sigmoid output: channel 0 is the probability of label 1 ("present"/"all"
   * mean class 1; the reference raises for them with one channel and needs {@code classes=[1]}).
   *
   * <p>Shape: probs [B, C, spatial...] (probabilities, e.g. a softmax over dim 1); labels
   * [B, spatial...] int64. Returns a scalar.
   */
  public static Tensor lovaszSoftmax(Tensor probs, Tensor labels, String classes, boolean perImage, Integer ignore) {
    String op = "lovasz_softmax_loss";
    DenseTargets.checkPredictions(op, probs);
    Check.notNull(op, "labels", labels, "classes", classes);
    if (labels.dtype() != DType.INT64 && labels.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": labels must be int64 class indices, got " + labels.dtype());
    }
    int[] want = DenseTargets.spatialShape(probs.shape());
    if (!Arrays.equals(labels.shape(), want)) {
      throw new IllegalArgumentException(op + ": labels must have shape " + Arrays.toString(want) + " for probs "
          + Check.shape(probs) + ", got " + Check.shape(labels));
    }
    int c = probs.size(1);
    int[] list = parseClasses(op, classes, c);
    Tensor lab = labels.to(DType.INT64);
    if (!perImage) return flatSoftmax(flatten(probs), lab.flatten(), classes, list, ignore);
    List<Tensor> losses = new ArrayList<>();
    for (int b = 0; b < probs.size(0); b++) {
      losses.add(flatSoftmax(flatten(probs.narrow(0, b, 1)), lab.narrow(0, b, 1).flatten(), classes, list, ignore));
    }
    return Tensor.stack(losses, 0).mean();
  }

  /** [B, C, spatial...] to [P, C]. */
  private static Tensor flatten(Tensor probs) {
    return probs.movedim(1, -1).reshape(-1, probs.size(1));
  }

  private static int[] parseClasses(String op, String classes, int c) {
    if (classes.equals("present") || classes.equals("all")) return null;
    String[] parts = classes.split("[;,\\s]+");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(op + ": classes must be 'present', 'all' or a list like '0;2', got '" + classes + "'");
      }
      int max = c == 1 ? 1 : c - 1;
      if (out[i] < 0 || out[i] > max) {
        throw new IllegalArgumentException(op + ": class " + out[i] + " out of range [0, " + max + "] for " + c + " channels");
      }
    }
    return out;
  }

  private static Tensor flatSoftmax(Tensor probs, Tensor labels, String classes, int[] list, Integer ignore) {
    if (ignore != null) {
      Tensor keep = labels.ne(ignore).nonzero().flatten();
      probs = probs.indexSelect(0, keep);
      labels = labels.indexSelect(0, keep);
    }
    if (probs.numel() == 0) return probs.sum().mul(0);
    int c = probs.size(1);
    long[] lab = labels.toLongArray();
    int[] todo = list != null ? list : c == 1 ? new int[] {1} : range(c);
    List<Tensor> losses = new ArrayList<>();
    for (int k : todo) {
      if (list == null && classes.equals("present") && !contains(lab, k)) continue;
      Tensor fg = labels.eq(k).to(probs.dtype());
      Tensor pred = probs.select(1, c == 1 ? 0 : k);
      Tensor errors = fg.sub(pred).abs();
      var sorted = errors.sort(0, true);
      Tensor grad = lovaszGrad(fg.gather(0, sorted.indices()));
      losses.add(sorted.values().mul(grad).sum());
    }
    if (losses.isEmpty()) return probs.sum().mul(0);
    return Tensor.stack(losses, 0).mean();
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    return r;
  }

  private static boolean contains(long[] a, long v) {
    for (long x : a) if (x == v) return true;
    return false;
  }

  /**
   * The gradient of the Lovász extension of the Jaccard loss at the sorted labels
   * {@code gtSorted} [P] (0/1): {@code [J_1, J_2 − J_1, ..., J_P − J_{P−1}]} with
   * {@code J_k = 1 − (Σg − cumsum(g)_k) / (Σg + cumsum(1 − g)_k)}. A constant (no gradient).
   */
  public static Tensor lovaszGrad(Tensor gtSorted) {
    Tensor g = gtSorted.detach();
    Tensor gts = g.sum();
    Tensor inter = gts.sub(g.cumsum(0));
    Tensor union = gts.add(g.neg().add(1).cumsum(0));
    Tensor j = inter.div(union).neg().add(1);
    int p = j.size(0);
    if (p <= 1) return j;
    return Tensor.cat(List.of(j.narrow(0, 0, 1), j.narrow(0, 1, p - 1).sub(j.narrow(0, 0, p - 1))), 0);
  }

  /**
   * Binary Lovász hinge: errors {@code e_i = 1 − s_i·(2g_i − 1)} on the logits s, loss
   * {@code ⟨relu(e_π), ∇⟩}. With {@code perImage} (the reference default) it is computed per
   * image and averaged. Pixels labelled {@code ignore} (null: none) are dropped; an image with no
   * pixel left contributes 0 (with a zero gradient), as the reference.
   *
   * <p>Shape: logits [B, spatial...]; labels [B, spatial...] 0/1 (int or float). Returns a scalar.
   */
  public static Tensor lovaszHinge(Tensor logits, Tensor labels, boolean perImage, Integer ignore) {
    String op = "lovasz_hinge";
    Check.notNull(op, "logits", logits, "labels", labels);
    Check.floating(op, "logits", logits);
    if (logits.dim() < 1 || !Arrays.equals(logits.shape(), labels.shape())) {
      throw new IllegalArgumentException(op + ": logits " + Check.shape(logits) + " and labels " + Check.shape(labels)
          + " must have the same shape [B, spatial...]");
    }
    if (!perImage) return flatHinge(logits.flatten(), labels.flatten(), ignore);
    List<Tensor> losses = new ArrayList<>();
    for (int b = 0; b < logits.size(0); b++) {
      losses.add(flatHinge(logits.narrow(0, b, 1).flatten(), labels.narrow(0, b, 1).flatten(), ignore));
    }
    if (losses.isEmpty()) return logits.sum().mul(0);
    return Tensor.stack(losses, 0).mean();
  }

  private static Tensor flatHinge(Tensor logits, Tensor labels, Integer ignore) {
    if (ignore != null) {
      Tensor keep = labels.ne(ignore).nonzero().flatten();
      logits = logits.indexSelect(0, keep);
      labels = labels.indexSelect(0, keep);
    }
    if (labels.numel() == 0) return logits.sum().mul(0);
    Tensor g = labels.to(logits.dtype());
    Tensor errors = logits.mul(g.mul(2).sub(1)).neg().add(1);
    var sorted = errors.sort(0, true);
    Tensor grad = lovaszGrad(g.gather(0, sorted.indices()));
    return sorted.values().relu().mul(grad).sum();
  }
}

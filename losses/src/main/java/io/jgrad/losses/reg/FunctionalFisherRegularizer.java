package io.jgrad.losses.reg;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Functional Fisher information regularizer for multi-modal classifiers. Paper 72, "Removing
 * Bias in Multi-modal Classifiers: Regularization by Maximizing Functional Entropies" (Gat et
 * al. 2020). Transcribed from the official code, itaigat/removing-bias-in-multi-modal-classifiers
 * {@code regularization.py} ({@code Perturbation.perturb_tensor}, {@code get_expanded_logits},
 * {@code Regularization.get_batch_norm}, {@code get_regularization_term}) and its README's
 * training loop; checked against a PyTorch reimplementation with the same noise
 * (tools/golden/gen_catalog_procedures.py):
 * <pre>
 *   x_m (modality m, flattened [B, F_m]) repeated n times -> [B n, F_m] (each example's copies adjacent)
 *   x~_m = x_m + N(0, 1) * std_0(x_m repeated)        (unbiased std per feature over the B n rows)
 *   p    = softmax(logits) repeated n times;  l = criterion(f(x~_1, ..., x~_M), p)   (a scalar)
 *   g_m  = d l / d x~_m   (createGraph: double backprop)
 *   I_m  = mean_rows ||g_m||_2^2 / l    (estimation "ent"; "var": without / l)
 *   R    = || (1/I_1, ..., 1/I_M) ||_norm   (optim_method "max_ent";  "min_ent": ||(I_m)||_norm)
 *   penalty = delta * R
 * </pre>
 * Modalities are consecutive blocks of the flattened {@code batch.x()} with the sizes {@code split}
 * ({@code "32;32"}; empty: two halves); the model takes their concatenation. criterion "bce" is the README's
 * {@code binary_cross_entropy_with_logits(f(x~), p)} (mean), "kl" the batch-mean
 * KL(p || softmax(f(x~))). The target p is not detached (as in the README). Defaults from the
 * code's RegParameters: delta 1e-10, norm 2, n_samples 10, "ent", "max_ent".
 */
public final class FunctionalFisherRegularizer implements Regularizer {
  public static final String ID = "functional_fisher_information_regularizer";
  private final double delta, norm;
  private final int[] split;
  private final int samples;
  private final String criterion, estimation, method;
  private final Generator generator;

  public FunctionalFisherRegularizer(double delta, int[] split, int samples, double norm, String criterion,
                                     String estimation, String method, long seed) {
    this.delta = Checks.nonNegative(ID, "delta", delta);
    if (split == null) throw new IllegalArgumentException(ID + ": split is null (use an empty array for two halves)");
    for (int s : split) if (s < 1) throw new IllegalArgumentException(ID + ": split sizes must be >= 1, got " + Arrays.toString(split));
    this.split = split.clone();
    this.samples = Checks.atLeast(ID, "n_samples", samples, 2);
    this.norm = Checks.positive(ID, "norm", norm);
    this.criterion = oneOf("criterion", criterion, "bce", "kl");
    this.estimation = oneOf("estimation", estimation, "ent", "var");
    this.method = oneOf("optim_method", method, "max_ent", "min_ent");
    this.generator = new Generator(seed);
  }

  private static String oneOf(String name, String v, String... ok) {
    if (!Arrays.asList(ok).contains(v)) {
      throw new IllegalArgumentException(ID + ": " + name + " must be one of " + Arrays.toString(ok) + ", got '" + v + "'");
    }
    return v;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor x = batch.x();
    List<Tensor> noise = new ArrayList<>();
    for (int s : sizes(x)) noise.add(Tensor.randn(generator, x.dtype(), x.size(0) * samples, s).to(x.device()));
    return value(model, x, output, noise).mul(delta);
  }

  /** R (unweighted) with the given standard-normal noise, one [B n, F_m] tensor per modality. */
  public Tensor value(Module model, Tensor x, Tensor logits, List<Tensor> noise) {
    Tensor s = scores(model, x, logits, noise);
    if (method.equals("max_ent")) s = s.reciprocal();
    return s.abs().pow(norm).sum().pow(1 / norm);
  }

  /** The information scores I_m, one per modality ([M]), with the given noise. */
  public Tensor scores(Module model, Tensor x, Tensor logits, List<Tensor> noise) {
    int b = x.size(0);
    Tensor flat = x.reshape(b, -1);
    int[] split = sizes(x);
    int total = Arrays.stream(split).sum();
    if (flat.size(1) != total) {
      throw new IllegalArgumentException(ID + ": split " + Arrays.toString(split) + " covers " + total
          + " features but the input has " + flat.size(1) + " per example");
    }
    try (var on = Grad.enabled(); var frozen = BatchNorm.freezeStats(model)) {
      List<Tensor> parts = new ArrayList<>();
      int at = 0;
      for (int m = 0; m < split.length; m++) {
        Tensor rep = flat.narrow(1, at, split[m]).detach().repeat(1, samples).reshape(b * samples, split[m]);
        Tensor std = rep.std(new int[] {0}, 1, false);
        parts.add(rep.add(noise.get(m).mul(std)).detach().requiresGrad(true));
        at += split[m];
      }
      Tensor p = logits.softmax(1).repeat(1, samples).reshape(b * samples, -1);
      Tensor out = model.forward(Tensor.cat(parts, 1).reshape(inputShape(x, b * samples)));
      Tensor l = criterion.equals("bce")
          ? Losses.binaryCrossEntropyWithLogits(out, p, null, null, Reduction.MEAN)
          : Losses.klDivBatchMean(out.logSoftmax(1), p, false);
      List<Tensor> g = Autograd.grad(List.of(l), parts, null, true, true);
      List<Tensor> scores = new ArrayList<>();
      for (Tensor gm : g) {
        Tensor n2 = gm == null ? l.mul(0) : gm.mul(gm).sum(1);
        if (estimation.equals("ent")) n2 = n2.div(l);
        scores.add(n2.mean());
      }
      return Tensor.stack(scores, 0);
    }
  }

  /** The modality sizes: {@code split}, or the two halves of the flattened input when it is empty. */
  int[] sizes(Tensor x) {
    if (split.length > 0) return split;
    int f = x.numel() / Math.max(1, x.size(0));
    if (f < 2) throw new IllegalArgumentException(ID + ": two halves need at least 2 features per example, got " + f);
    return new int[] {f / 2, f - f / 2};
  }

  private static int[] inputShape(Tensor x, int rows) {
    int[] s = x.shape();
    s[0] = rows;
    return s;
  }
}

package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.Locale;

/**
 * Classification surrogates that replace the log-loss: AnyLoss (a confusion-matrix metric made
 * differentiable), the spherical Z-loss and the EnsLoss surrogate (catalog ids {@code anyloss},
 * {@code z_loss_spherical}, {@code ensloss}).
 */
public final class SurrogateLosses {
  private SurrogateLosses() {}

  /** The confusion-matrix metrics AnyLoss turns into losses ({@code loss = 1 - metric}). */
  public enum AnyMetric {
    /** (TP + TN) / n. */
    ACCURACY,
    /** 2 TP / (2 TP + FN + FP). */
    F1,
    /** (1 + beta^2) TP / ((1 + beta^2) TP + beta^2 FN + FP). */
    FBETA,
    /** (TP / (TP + FN) + TN / (TN + FP)) / 2. */
    BALANCED_ACCURACY;

    /** "f1", "accuracy", "fbeta", "balanced_accuracy" (any case). */
    public static AnyMetric parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("anyloss: metric must be accuracy, f1, fbeta or balanced_accuracy, got '" + name + "'");
      }
    }
  }

  /**
   * AnyLoss, paper 40 ("AnyLoss: Transforming Classification Metrics into Loss Functions", Han,
   * Moniz and Chawla 2024). The approximation {@code A(p) = 1 / (1 + exp(-L (p - 0.5)))} (L = 73 in
   * the paper) pushes the probabilities p towards 0/1; over the batch {@code TP = sum y A},
   * {@code FN = sum y (1 - A)}, {@code FP = sum (1 - y) A}, {@code TN = sum (1 - y)(1 - A)} and
   * {@code loss = 1 - metric(TP, FN, FP, TN)}. The official code was not found; the formula was
   * checked against third-party ports (the F1 form {@code 1 - (1 + b^2) sum(yA) / (b^2 sum y + sum A)}).
   * Shape: probabilities p [N] (or [N, 1]) in [0, 1], targets y the same shape in {0, 1} -> scalar.
   */
  public static Tensor anyLoss(Tensor probs, Tensor target, AnyMetric metric, double amplifier, double beta) {
    String op = "anyloss";
    Check.notNull(op, "probabilities", probs, "target", target, "metric", metric);
    Check.floating(op, "probabilities", probs);
    Check.sameShape(op, probs, "probabilities", target, "target");
    if (!(amplifier > 0) || Double.isInfinite(amplifier)) throw new IllegalArgumentException(op + ": L must be > 0 and finite, got " + amplifier);
    if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException(op + ": beta must be > 0 and finite, got " + beta);
    Tensor y = target.to(probs.dtype());
    Tensor a = probs.sub(0.5).mul(amplifier).sigmoid();
    Tensor ny = y.neg().add(1);
    Tensor na = a.neg().add(1);
    Tensor tp = y.mul(a).sum();
    Tensor fn = y.mul(na).sum();
    Tensor fp = ny.mul(a).sum();
    Tensor tn = ny.mul(na).sum();
    Tensor m = switch (metric) {
      case ACCURACY -> tp.add(tn).div(Math.max(1, probs.numel()));
      case F1 -> tp.mul(2).div(tp.mul(2).add(fn).add(fp));
      case FBETA -> tp.mul(1 + beta * beta).div(tp.mul(1 + beta * beta).add(fn.mul(beta * beta)).add(fp));
      case BALANCED_ACCURACY -> tp.div(tp.add(fn)).add(tn.div(tn.add(fp))).mul(0.5);
    };
    return m.neg().add(1);
  }

  /**
   * The Z-loss, paper 47 ("The Z-loss: a shift and scale invariant classification loss belonging
   * to the Spherical Family", de Brébisson and Vincent 2016): {@code mu = mean_k o_k},
   * {@code sigma = sqrt(mean_k (o_k - mu)^2)} (population std), {@code z_c = (o_c - mu) / sigma},
   * {@code L = softplus(a (b - z_c)) / a}; invariant to {@code o -> alpha o + beta}, alpha > 0.
   * a > 0 and b are tuned per task in the paper (its values were not confirmed, so both must be
   * given); the formula is as reproduced in summaries of the paper (no code was found). Constant
   * rows have sigma = 0 and give NaN (as the formula). Shape: outputs [N, C], int64 target [N]
   * with ignore_index -> NONE [N], else scalar.
   */
  public static Tensor zLossSpherical(Tensor outputs, Tensor target, double a, double b, int ignoreIndex,
                                      Reduction reduction) {
    String op = "z_loss_spherical";
    if (!(a > 0) || Double.isInfinite(a)) throw new IllegalArgumentException(op + ": a must be > 0 and finite, got " + a);
    ClassTargets.finite(op, "b", b);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, outputs, target, ignoreIndex);
    Tensor o = r.logits();
    Tensor centred = o.sub(o.mean(new int[] {1}, true));
    Tensor sigma = centred.mul(centred).mean(1).sqrt();
    Tensor zc = r.pick(centred).div(sigma);
    // softplus(x, beta=a) = log(1 + exp(a x)) / a, linear above a x = 20 as torch
    return r.reduce(zc.neg().add(b).softplus(a, 20), reduction);
  }

  /**
   * The EnsLoss surrogate for one mini-batch, paper 42 ("EnsLoss: Stochastic Calibrated Loss
   * Ensembles for Preventing Overfitting in Classification", Dai 2025), as
   * {@code statmlben/ensLoss: losses.py} ({@code ensLoss.forward}): margins
   * {@code s = f(x) (2y - 1)}; a random loss-derivative {@code psi = -BoxCoxInv(n)} from the
   * standard normals {@code n} [N] ({@code exp(n)} when lambda = 0, else
   * {@code relu(1 + lambda n)^(1/lambda)}), sorted ascending, clipped at -1 and assigned to the
   * margins in increasing order (so psi is non-decreasing in the margin: a convex, calibrated
   * loss); for margins above 1 it is divided by the margin (superlinear tail); minus 1e-6 (so
   * psi &lt; 0). The surrogate is {@code mean(sg(psi) s)}: its gradient is the injected
   * {@code psi(s) (2y - 1) df/dtheta / N}; its value is not a loss value.
   * Shape: output [N] or [N, 1] scores, target the same number of 0/1 labels, normals [N] -> scalar.
   */
  public static Tensor ensLossSurrogate(Tensor output, Tensor target, Tensor normals, double lambda) {
    String op = "ensloss";
    Check.notNull(op, "output", output, "target", target, "normals", normals);
    Check.floating(op, "output", output);
    ClassTargets.finite(op, "lambda", lambda);
    int n = (int) output.numel();
    if (target.numel() != n || normals.numel() != n) {
      throw new IllegalArgumentException(op + ": output " + Check.shape(output) + ", target " + Check.shape(target)
          + " and normals " + Check.shape(normals) + " must have the same number of elements");
    }
    Tensor s = output.reshape(-1).mul(target.reshape(-1).to(output.dtype()).mul(2).sub(1));
    Tensor psi;
    try (var off = io.jgrad.tensor.GradMode.disabled()) {
      Tensor z = normals.reshape(-1).to(output.dtype());
      Tensor inv = lambda == 0 ? z.exp() : z.mul(lambda).add(1).relu().pow(1 / lambda);
      Tensor sortedPsi = inv.neg().sort(0, false).values().clampMin(-1);
      Tensor order = s.detach().sort(0, false).indices();
      psi = Tensor.zerosLike(sortedPsi).scatter(0, order, sortedPsi);
      Tensor sd = s.detach();
      Tensor tail = Tensor.where(sd.gt(1), sd.reciprocal(), 1.0);
      psi = psi.mul(tail).sub(1e-6);
    }
    return psi.mul(s).mean();
  }

}

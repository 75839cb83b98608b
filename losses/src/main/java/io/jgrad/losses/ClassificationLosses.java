package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Classification losses: cross entropy, negative log likelihood and binary cross entropy,
 * composed from differentiable tensor ops (gradients come from autograd). Reached through
 * {@link Losses}.
 */
final class ClassificationLosses {
  private ClassificationLosses() {}

  /** See {@link Losses#nllLoss(Tensor, Tensor, Tensor, int, Reduction)}. */
  static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
    String op = "nllLoss";
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    boolean single = input.dim() == 1;
    if (single) {
      if (target.dim() != 0) {
        throw new IllegalArgumentException(op + ": input " + Check.shape(input) + " needs a 0-d target, got "
            + Check.shape(target));
      }
      input = input.unsqueeze(0);
      target = target.unsqueeze(0);
    }
    checkClassTarget(op, input, target, weight, ignoreIndex);
    Tensor[] wl = pickedLoss(input, target, weight, ignoreIndex);
    Tensor loss = wl[1];
    return switch (reduction) {
      case NONE -> single ? loss.squeeze(0) : loss;
      case SUM -> loss.sum();
      case MEAN -> weightedMean(loss.sum(), wl[0].sum());
    };
  }

  /**
   * sum / totalWeight; when every target is ignored (totalWeight 0) the mean over no targets is 0,
   * with gradient 0. PyTorch 1.13 returns 0 / 0 = NaN there (with the same zero gradient); a batch
   * that happens to hold only padding must not turn the loss, and a divergence check watching it,
   * into NaN.
   */
  private static Tensor weightedMean(Tensor sum, Tensor totalWeight) {
    Tensor safe = Tensor.where(totalWeight.eq(0).logicalNot(), totalWeight, 1.0);
    return sum.div(safe);
  }

  /** Returns {effective weight per target, -weight * input[target]}, zero where ignored. */
  private static Tensor[] pickedLoss(Tensor logp, Tensor target, Tensor weight, int ignoreIndex) {
    Tensor ignored = target.eq(ignoreIndex);
    Tensor safe = target.maskedFill(ignored, 0);
    // the class dim moves last so one gather picks input[n, target[n, ...], ...]
    Tensor picked = logp.movedim(1, -1).gather(-1, safe.unsqueeze(-1)).squeeze(-1);
    Tensor keep = ignored.logicalNot().to(logp.dtype());
    Tensor w = weight == null ? keep
        : weight.to(logp.dtype()).indexSelect(0, safe.flatten()).reshape(target.shape()).mul(keep);
    return new Tensor[] {w, picked.mul(w).neg()};
  }

  private static void checkClassTarget(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex) {
    Check.floating(op, "input", input);
    Check.integral(op, "target", target);
    if (input.dim() < 2) throw new IllegalArgumentException(op + ": input " + Check.shape(input) + " has no class dim");
    if (target.dim() == 0 || target.size(0) != input.size(0)) {
      throw new IllegalArgumentException(op + ": input " + Check.shape(input) + " and target " + Check.shape(target)
          + " have different batch sizes");
    }
    int[] in = input.shape();
    int[] expect = new int[in.length - 1];
    expect[0] = in[0];
    System.arraycopy(in, 2, expect, 1, in.length - 2);
    if (!Arrays.equals(expect, target.shape())) {
      throw new IllegalArgumentException(op + ": target " + Check.shape(target) + " does not match input "
          + Check.shape(input) + " (expected target shape " + Arrays.toString(expect) + ")");
    }
    int c = input.size(1);
    if (weight != null && (weight.dim() != 1 || weight.size(0) != c)) {
      throw new IllegalArgumentException(op + ": weight " + Check.shape(weight) + " must have shape [" + c + "]");
    }
    for (long t : target.toLongArray()) {
      if (t != ignoreIndex && (t < 0 || t >= c)) {
        throw new IllegalArgumentException(op + ": target class " + t + " out of range for " + c + " classes");
      }
    }
  }

  /** See {@link Losses#crossEntropy(Tensor, Tensor, Tensor, int, Reduction, double)}. */
  static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction,
                             double labelSmoothing) {
    String op = "crossEntropy";
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(op + ": labelSmoothing " + labelSmoothing + " must be in [0, 1]");
    }
    Check.floating(op, "input", input);
    boolean single = input.dim() == 1;
    if (single) {
      input = input.unsqueeze(0);
      target = target.unsqueeze(0);
    }
    Tensor out = target.dtype().isFloatingPoint()
        ? probabilityTargets(input, target, weight, reduction, labelSmoothing)
        : indexTargets(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    return single && reduction == Reduction.NONE ? out.squeeze(0) : out;
  }

  private static Tensor indexTargets(Tensor input, Tensor target, Tensor weight, int ignoreIndex,
                                     Reduction reduction, double eps) {
    checkClassTarget("crossEntropy", input, target, weight, ignoreIndex);
    Tensor logp = input.logSoftmax(1);
    Tensor[] wl = pickedLoss(logp, target, weight, ignoreIndex);
    Tensor nll = wl[1];
    if (eps == 0) {
      return reduction == Reduction.MEAN ? weightedMean(nll.sum(), wl[0].sum()) : Check.reduce(nll, reduction);
    }
    int c = input.size(1);
    Tensor weighted = weight == null ? logp : logp.mul(classView(weight.to(logp.dtype()), input.dim()));
    Tensor keep = target.ne(ignoreIndex).to(logp.dtype());
    Tensor smooth = weighted.sum(1).neg().mul(keep);
    Tensor nllR, smoothR;
    if (reduction == Reduction.MEAN) {
      Tensor denom = wl[0].sum();
      nllR = weightedMean(nll.sum(), denom);
      smoothR = weightedMean(smooth.sum(), denom);
    } else {
      nllR = Check.reduce(nll, reduction);
      smoothR = Check.reduce(smooth, reduction);
    }
    return nllR.mul(1 - eps).add(smoothR.mul(eps / c));
  }

  private static Tensor probabilityTargets(Tensor input, Tensor target, Tensor weight, Reduction reduction,
                                           double eps) {
    String op = "crossEntropy";
    Check.sameShape(op, input, "input", target, "probability target");
    int c = input.size(1);
    if (weight != null && (weight.dim() != 1 || weight.size(0) != c)) {
      throw new IllegalArgumentException(op + ": weight " + Check.shape(weight) + " must have shape [" + c + "]");
    }
    Tensor logp = input.logSoftmax(1);
    Tensor t = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
    Tensor prod = logp.mul(t);
    if (weight != null) prod = prod.mul(classView(weight.to(logp.dtype()), input.dim()));
    return switch (reduction) {
      case NONE -> prod.sum(1).neg();
      case SUM -> prod.sum().neg();
      // torch divides by the number of samples (numel / C), not by the weights
      case MEAN -> prod.sum().neg().div(c == 0 ? 0 : (double) input.numel() / c);
    };
  }

  /** weight [C] viewed as [1, C, 1, ...] to broadcast along dim 1 of a rank-{@code rank} input. */
  private static Tensor classView(Tensor weight, int rank) {
    int[] s = new int[rank];
    Arrays.fill(s, 1);
    s[1] = weight.size(0);
    return weight.reshape(s);
  }

  /** See {@link Losses#binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)}. */
  /** max(log p, -100), with a finite gradient everywhere (0 where the clamp applies). */
  private static Tensor clampedLog(Tensor p) {
    Tensor above = p.gt(Math.exp(-100));
    return Tensor.where(above, Tensor.where(above, p, 1.0).log(), -100.0);
  }

  static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
    String op = "binaryCrossEntropy";
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    if (input.lt(0).logicalOr(input.gt(1)).any().item() != 0) {
      throw new IllegalArgumentException(op + ": all elements of input should be between 0 and 1");
    }
    // torch clamps each log at -100 so that a 0 or 1 probability gives a finite loss. The log is
    // taken only where it is above -100 (elsewhere the constant): clampMin(-100) of log(0) would
    // pass 0 * (1/0) = NaN back as the gradient. Below e^-100 the gradient is 0 (torch's hand-written
    // backward gives (p - y) / max(p (1 - p), 1e-12) there: also finite).
    Tensor logX = clampedLog(input);
    Tensor log1mX = clampedLog(input.neg().add(1));
    Tensor loss = target.mul(logX).add(target.neg().add(1).mul(log1mX)).neg();
    if (weight != null) loss = loss.mul(weight);
    return Check.reduce(loss, reduction);
  }

  /** See {@link Losses#binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)}. */
  static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                             Reduction reduction) {
    String op = "binaryCrossEntropyWithLogits";
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    // -log(sigmoid(-x)) = softplus(x) without overflow; the logit form is what makes it stable
    Tensor softplusNeg = input.logSigmoid().neg();
    Tensor logWeight = posWeight == null ? null : posWeight.sub(1).mul(target).add(1);
    Tensor loss = target.neg().add(1).mul(input).add(logWeight == null ? softplusNeg : logWeight.mul(softplusNeg));
    if (weight != null) loss = loss.mul(weight);
    return Check.reduce(loss, reduction);
  }
}

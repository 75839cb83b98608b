package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Regression and distribution losses (MSE, L1, smooth L1, Huber, KL divergence, Poisson and
 * Gaussian negative log likelihood), composed from differentiable tensor ops. Reached through
 * {@link Losses}.
 */
final class RegressionLosses {
  private RegressionLosses() {}

  private static void pair(String op, Tensor input, Tensor target, Reduction reduction) {
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
  }

  static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    pair("mseLoss", input, target, reduction);
    Tensor d = input.sub(target);
    return Check.reduce(d.mul(d), reduction);
  }

  static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    pair("l1Loss", input, target, reduction);
    return Check.reduce(input.sub(target).abs(), reduction);
  }

  static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
    pair("smoothL1Loss", input, target, reduction);
    if (!(beta >= 0)) throw new IllegalArgumentException("smoothL1Loss: beta " + beta + " must be >= 0");
    Tensor ad = input.sub(target).abs();
    // beta = 0 is plain L1; the quadratic branch would divide by zero and poison the gradient
    if (beta == 0) return Check.reduce(ad, reduction);
    Tensor loss = Tensor.where(ad.lt(beta), ad.mul(ad).mul(0.5 / beta), ad.sub(0.5 * beta));
    return Check.reduce(loss, reduction);
  }

  static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
    pair("huberLoss", input, target, reduction);
    if (!(delta > 0)) throw new IllegalArgumentException("huberLoss: delta " + delta + " must be > 0");
    Tensor ad = input.sub(target).abs();
    Tensor loss = Tensor.where(ad.lt(delta), ad.mul(ad).mul(0.5), ad.sub(0.5 * delta).mul(delta));
    return Check.reduce(loss, reduction);
  }

  static Tensor klDivPointwise(Tensor input, Tensor target, boolean logTarget) {
    String op = "klDiv";
    pair(op, input, target, Reduction.NONE);
    if (logTarget) return target.exp().mul(target.sub(input));
    // xlogy(t, t) with 0 log 0 = 0: log of 1 where t <= 0 keeps the masked branch finite
    Tensor pos = target.gt(0);
    Tensor safeLog = Tensor.where(pos, target, 1.0).log();
    return target.mul(safeLog).sub(target.mul(input));
  }

  static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
    Check.notNull("klDiv", "reduction", reduction);
    return Check.reduce(klDivPointwise(input, target, logTarget), reduction);
  }

  static Tensor klDivBatchMean(Tensor input, Tensor target, boolean logTarget) {
    Tensor sum = klDivPointwise(input, target, logTarget).sum();
    return input.dim() == 0 ? sum : sum.div(input.size(0));
  }

  static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                               Reduction reduction) {
    pair("poissonNllLoss", input, target, reduction);
    Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
    if (full) {
      // Stirling's approximation of log(target!), zero where target <= 1 as torch
      Tensor big = target.gt(1);
      Tensor safe = Tensor.where(big, target, 2.0);
      Tensor stirling = safe.mul(safe.log()).sub(safe).add(safe.mul(2 * Math.PI).log().mul(0.5));
      loss = loss.add(Tensor.where(big, stirling, 0.0));
    }
    return Check.reduce(loss, reduction);
  }

  static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                Reduction reduction) {
    String op = "gaussianNllLoss";
    pair(op, input, target, reduction);
    Check.notNull(op, "var", var);
    Check.floating(op, "var", var);
    int[] in = input.shape();
    int[] vs = var.shape();
    if (vs.length == in.length - 1 && java.util.Arrays.equals(vs, java.util.Arrays.copyOf(in, in.length - 1))) {
      var = var.unsqueeze(-1);
    } else if (!java.util.Arrays.equals(vs, in)
        && !(vs.length == in.length && vs.length > 0 && vs[vs.length - 1] == 1
            && java.util.Arrays.equals(java.util.Arrays.copyOf(vs, vs.length - 1),
                java.util.Arrays.copyOf(in, in.length - 1)))) {
      throw new IllegalArgumentException(op + ": var " + Check.shape(var) + " is incorrectly sized for input "
          + Check.shape(input));
    }
    if (var.lt(0).any().item() != 0) throw new IllegalArgumentException(op + ": var has negative entry/entries");
    // torch clamps var under no_grad: the value is clamped, the gradient passes as if it were not
    Tensor v = var.add(var.clampMin(eps).sub(var).detach());
    Tensor d = input.sub(target);
    Tensor loss = v.log().add(d.mul(d).div(v)).mul(0.5);
    if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
    return Check.reduce(loss, reduction);
  }
}

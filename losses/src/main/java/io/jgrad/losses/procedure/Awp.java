package io.jgrad.losses.procedure;

import io.jgrad.losses.attack.Attack;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.reg.Checks;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adversarial Weight Perturbation on top of adversarial training. Paper 105, "Adversarial Weight
 * Perturbation Helps Robust Generalization" (Wu et al. 2020). Transcribed from
 * csdongxian/AWP {@code AT_AWP/utils_awp.py} ({@code AdvWeightPerturb.calc_awp},
 * {@code diff_in_weights}, {@code perturb}, {@code restore}) and {@code train_cifar10.py}, and
 * checked step for step against a PyTorch reimplementation (tools/golden/gen_catalog_procedures.py):
 * <pre>
 *   x_adv = attack(x)
 *   proxy = w + awp_lr * grad_w L(f_w(x_adv))   (one SGD step ascending the loss; computed without a copy)
 *   for every weight W_l with dim > 1 (biases and normalization weights excluded):
 *     d_l = proxy_l - W_l;   v_l = ||W_l|| / (||d_l|| + 1e-20) * d_l      (layer-wise relative)
 *   W_l &lt;- W_l + gamma v_l;   backward of L(f_W(x_adv));   optimizer.step();   W_l &lt;- W_l - gamma v_l
 * </pre>
 * As in the reference, the optimizer steps on the perturbed weights and the perturbation is
 * removed afterwards; it is removed exactly: the perturbed weights P are saved, and the step's
 * change is applied to the saved clean weights, {@code W &lt;- W_0 + (W_after_step - P)}. On a
 * micro-batch that does not update (gradient accumulation) the clean weights are copied back.
 * L is the Trainer's loss (objective plus penalties) on the adversarial batch; the ascent pass
 * does not move BatchNorm running statistics (the reference runs it on a discarded proxy copy),
 * the perturbed pass does (it is the training pass). No perturbation during the first
 * {@code warmup} epochs. Defaults from train_cifar10.py: gamma 0.01, awp_lr 0.01, warmup 0.
 */
public final class Awp implements TrainStep {
  public static final String ID = "adversarial_weight_perturbation";
  private final double gamma, awpLr;
  private final int warmup;
  private final Attack attack;
  private final WeightCopies clean = new WeightCopies(), perturbed = new WeightCopies();

  public Awp(double gamma, double awpLr, int warmup, Attack attack) {
    this.gamma = Checks.nonNegative(ID, "gamma", gamma);
    this.awpLr = Checks.positive(ID, "awp_lr", awpLr);
    if (warmup < 0) throw new IllegalArgumentException(ID + ": warmup must be >= 0, got " + warmup);
    this.warmup = warmup;
    if (attack == null) throw new IllegalArgumentException(ID + ": attack is null");
    this.attack = attack;
  }

  /** The weights AWP perturbs: parameters whose name contains "weight" and that have more than one dim. */
  static List<Tensor> perturbable(StepContext ctx) {
    Map<Tensor, Boolean> trained = new IdentityHashMap<>();
    for (Tensor p : StepTools.params(ctx)) trained.put(p, Boolean.TRUE);
    List<Tensor> out = new ArrayList<>();
    ctx.model().namedParameters().forEach((name, p) -> {
      if (name.contains("weight") && p.dim() > 1 && trained.containsKey(p)) out.add(p);
    });
    return out;
  }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor xAdv = attack.perturb(ctx.model(), b.x(), b.y());
    Batch adv = AdversarialTraining.adversarialBatch(b, xAdv);
    if (ctx.epoch() <= warmup) {
      Tensor loss = ctx.loss(ctx.forward(xAdv), adv);
      ctx.backward(loss);
      ctx.step();
      return loss;
    }
    List<Tensor> ws = perturbable(ctx);
    Tensor lossAtW;
    List<Tensor> g;
    try (var frozen = BatchNorm.freezeStats(ctx.model())) {
      lossAtW = ctx.loss(ctx.forward(xAdv), adv);
      g = StepTools.grads(lossAtW, ws);
    }
    clean.save(ws);
    try (var off = Grad.disabled()) {
      for (int i = 0; i < ws.size(); i++) {
        if (g.get(i) == null) continue;
        Tensor w = ws.get(i);
        // the proxy's SGD step on -L: proxy = w - awp_lr * grad(-L); d = proxy - w
        Tensor d = w.add(g.get(i).neg(), -awpLr).sub(w);
        Tensor v = d.mul(w.norm().div(d.norm().add(1e-20)));
        w.addInPlace(v.mul(gamma));
      }
    }
    boolean update = ctx.isUpdateStep();
    try {
      ctx.backward(ctx.loss(ctx.forward(xAdv), adv));
      if (update) perturbed.save(ws);
    } catch (RuntimeException e) {
      clean.restore();
      throw e;
    }
    if (!update) {
      clean.restore();
      ctx.step();
      return lossAtW;
    }
    ctx.step();
    try (var off = Grad.disabled()) {
      for (int i = 0; i < ws.size(); i++) {
        Tensor w = ws.get(i);
        Tensor change = w.sub(perturbed.copy(i));
        w.copyFrom(clean.copy(i)).addInPlace(change);
      }
    }
    return lossAtW;
  }
}

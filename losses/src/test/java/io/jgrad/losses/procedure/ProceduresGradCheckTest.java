package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.FloodingLoss;
import io.jgrad.losses.Losses;
import io.jgrad.losses.RobustLosses;
import io.jgrad.losses.reg.ElleRegularizer;
import io.jgrad.losses.reg.FunctionalFisherRegularizer;
import io.jgrad.losses.reg.JacobianFrobeniusPenalty;
import io.jgrad.losses.reg.JacobianNorms;
import io.jgrad.losses.reg.JacobianNuclearNormRegularizer;
import io.jgrad.losses.reg.SmoothAdversarialCompSum;
import io.jgrad.losses.reg.VirtualAdversarialLoss;
import io.jgrad.losses.testing.GradCheckCases;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference checks of the catalog penalties of this family, first and second
 * order (they are used inside a gradient: the training step differentiates them, and several
 * contain a gradient themselves). Random draws (directions, noise, adversarial points) are fixed
 * inputs of the checked function, as the penalties treat them (no gradient flows through them).
 * The procedures (sam, amp, adversarial_weight_perturbation, gradient_norm_regularization_fd,
 * lawn) declare why finite differences do not apply; grad_norm_penalty's penalty is checked here.
 */
class ProceduresGradCheckTest {
  static final Generator G = new Generator(31);
  static final Tensor X = Tensor.randn(G, DType.FLOAT64, 4, 3);
  static final Tensor Y = Tensor.of(new long[] {0, 2, 1, 2});

  record Case(String component, String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, boolean second)
      implements GradCheckCases.Case {}

  static List<Tensor> weights() { return FunctionalMlp.init(3, 5, 3, 7); }

  static Tensor randn(int... shape) { return Tensor.randn(G, DType.FLOAT64, shape); }

  static List<Case> cases() {
    FunctionalMlp net = new FunctionalMlp();
    List<Case> c = new ArrayList<>();
    // grad_norm_penalty: lambda ||d CE / d w||^power, itself a double backprop
    for (int power : new int[] {2, 1}) {
      GradNormPenalty p = new GradNormPenalty(0.3, power);
      c.add(new Case("grad_norm_penalty", "power " + power, w -> {
        // the finite differences call this with recording off: the penalty needs the loss on the tape
        try (var on = Grad.enabled()) {
          List<Tensor> lw = new ArrayList<>();
          for (Tensor t : w) lw.add(t.requiresGrad() ? t : t.detach().requiresGrad(true));
          return p.penalty(Losses.crossEntropy(net.with(lw).forward(X), Y), lw);
        }
      }, weights(), true));
    }
    // vat_loss: KL(sg(p(x)) || p(x + r)) with r fixed, and its pieces
    Tensor clean = net.with(weights()).forward(X).detach();
    Tensor r = VirtualAdversarialLoss.normalize(randn(4, 3)).mul(0.5);
    c.add(new Case("vat_loss", "LDS in the weights", w -> VirtualAdversarialLoss.klFromLogits(clean, net.with(w).forward(X.add(r))),
        weights(), true));
    c.add(new Case("vat_loss", "KL from logits", in -> VirtualAdversarialLoss.klFromLogits(in.get(0), in.get(1)),
        List.of(randn(4, 3), randn(4, 3)), true));
    c.add(new Case("adversarial_loss", "vat_tf normalize", in -> VirtualAdversarialLoss.normalize(in.get(0)),
        List.of(randn(3, 4)), true));
    c.add(new Case("adversarial_loss", "CE at x + r_adv in the weights", w -> Losses.crossEntropy(net.with(w).forward(X.add(r)), Y),
        weights(), true));
    // jacobian_frobenius_penalty: the three estimators (fixed probes) in the weights and the input
    Tensor x2 = randn(2, 3);
    c.add(new Case("jacobian_frobenius_penalty", "exact", in -> JacobianNorms.exact(net.with(in.subList(0, 4))::forward,
        in.get(4)).mean(), concat(weights(), x2), true));
    List<Tensor> v = List.of(randn(2, 3), randn(2, 3));
    c.add(new Case("jacobian_frobenius_penalty", "hutchinson", in -> JacobianNorms.hutchinson(net.with(in.subList(0, 4))::forward,
        in.get(4), v).mean(), concat(weights(), x2), true));
    List<Tensor> e = List.of(randn(2, 3));
    JacobianFrobeniusPenalty fd = new JacobianFrobeniusPenalty(1, "fd", 1, 0.05, 0, 0);
    c.add(new Case("jacobian_frobenius_penalty", "fd", w -> fd.squaredNorms(net.with(w), net.model::forward, x2, e).mean(),
        weights(), true));
    // jacobian_nuclear_norm_regularizer: exact and denoising forms (fixed noise) in the weights
    for (String est : new String[] {"exact", "denoising"}) {
      JacobianNuclearNormRegularizer nuc = new JacobianNuclearNormRegularizer(1, 1, est, 0.1, 1, false, 0);
      List<Tensor> eh = List.of(randn(2, 3)), eg = List.of(randn(2, 5));
      c.add(new Case("jacobian_nuclear_norm_regularizer", est, w -> nuc.value(net.with(w), x2, eh, eg), weights(), true));
    }
    // functional_fisher_information_regularizer: the information scores contain a double backprop
    for (String crit : new String[] {"bce", "kl"}) {
      FunctionalFisherRegularizer ff = new FunctionalFisherRegularizer(1, new int[] {1, 2}, 3, 2, crit, "ent", "max_ent", 0);
      List<Tensor> noise = List.of(randn(12, 1), randn(12, 2));
      c.add(new Case("functional_fisher_information_regularizer", crit,
          w -> ff.value(net.with(w), X, net.model.forward(X), noise), weights(), crit.equals("bce")));
    }
    // flooding_loss: both sides of the flood level (the gradient's sign flips)
    Tensor z = randn(4, 3);
    double l = Losses.crossEntropy(z, Y).item();
    for (double b : new double[] {l - 0.5, l + 0.5}) {
      c.add(new Case("flooding_loss", "b " + (b < l ? "below" : "above") + " the loss",
          in -> FloodingLoss.flood(Losses.crossEntropy(in.get(0), Y), b), List.of(z), true));
    }
    // elle_reg: the local-linearity error with fixed points, in the weights
    ElleRegularizer elle = new ElleRegularizer(1, 0.3, false, 2, 0.99, 0);
    Tensor ua = Tensor.rand(G, DType.FLOAT64, 4, 3).mul(2).sub(1), ub = Tensor.rand(G, DType.FLOAT64, 4, 3).mul(2).sub(1);
    Tensor alpha = Tensor.rand(G, DType.FLOAT64, 4);
    c.add(new Case("elle_reg", "ELLE in the weights", w -> elle.value(net.with(w), X, Y, ua, ub, alpha), weights(), true));
    c.add(new Case("elle_reg", "ELLE from losses", in -> RobustLosses.elle(in.get(0), in.get(1), in.get(2), in.get(3)),
        List.of(randn(4), randn(4), randn(4), Tensor.rand(G, DType.FLOAT64, 4)), true));
    // arow_loss, awr_robust_regularizer, smooth_adv_comp_sum_loss: in the natural and adversarial logits
    List<Tensor> zz = List.of(randn(4, 3), randn(4, 3));
    c.add(new Case("arow_loss", "robust term", in -> RobustLosses.arowRobust(in.get(0), in.get(1), Y), zz, true));
    c.add(new Case("arow_loss", "whole loss", in -> RobustLosses.arow(in.get(0), in.get(1), Y, 0.2, 7), zz, true));
    Tensor xa = X.add(randn(4, 3).mul(0.1));
    c.add(new Case("arow_loss", "in the weights", w -> RobustLosses.arowRobust(net.with(w).forward(X), net.model.forward(xa), Y),
        weights(), true));
    Tensor t = randn(4, 3);
    c.add(new Case("awr_robust_regularizer", "robust term", in -> RobustLosses.awrRobust(in.get(0), in.get(1), t, 0.3), zz, true));
    c.add(new Case("awr_robust_regularizer", "distillation", in -> RobustLosses.awrKnowledge(in.get(0), t, 2.0),
        List.of(randn(4, 3)), true));
    c.add(new Case("smooth_adv_comp_sum_loss", "logit distance", in -> SmoothAdversarialCompSum.term(in.get(0), in.get(1)), zz,
        true));
    return c;
  }

  static List<Tensor> concat(List<Tensor> a, Tensor b) {
    List<Tensor> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  @TestFactory
  Stream<DynamicTest> gradchecks() { return GradCheckCases.combined(cases()); }
}

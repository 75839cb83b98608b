package io.jgrad.losses.catalog;

import io.jgrad.losses.FloodingLoss;
import io.jgrad.losses.procedure.Amp;
import io.jgrad.losses.procedure.Awp;
import io.jgrad.losses.procedure.GradNormPenalty;
import io.jgrad.losses.procedure.GradientNormFd;
import io.jgrad.losses.procedure.Lawn;
import io.jgrad.losses.procedure.AdversarialInputs;
import io.jgrad.losses.procedure.Sam;
import io.jgrad.losses.reg.ArowRegularizer;
import io.jgrad.losses.reg.AwrRobustRegularizer;
import io.jgrad.losses.reg.ElleRegularizer;
import io.jgrad.losses.reg.FunctionalFisherRegularizer;
import io.jgrad.losses.reg.JacobianFrobeniusPenalty;
import io.jgrad.losses.reg.JacobianNuclearNormRegularizer;
import io.jgrad.losses.reg.SmoothAdversarialCompSum;
import io.jgrad.losses.reg.VatAdversarialLoss;
import io.jgrad.losses.reg.VirtualAdversarialLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's sharpness-aware, adversarial and input-gradient family (work package 5): the
 * two-pass and gradient-penalty procedures (TrainSteps), the input-perturbation and adversarial
 * regularizers, and flooding. Attack parameters, where a component needs adversarial inputs,
 * are those of its reference code (L-infinity PGD, inputs in [0, 1]).
 */
public final class ProcedureEntries implements CatalogEntries {
  static final double EPS_8_255 = 8.0 / 255, STEP_2_255 = 2.0 / 255;
  static final String PROCEDURE = "a training procedure, not a differentiable function: checked by float64 parameter "
      + "trajectories against its reference code (and identities), not by finite differences";

  @Override
  public List<Component> entries() {
    List<Component> c = new ArrayList<>(procedures());
    c.addAll(perturbationRegularizers());
    c.addAll(jacobianPenalties());
    return c;
  }

  /** The training steps: two-pass (SAM, AMP, AWP, F-GR), the gradient-norm penalty, LAWN. */
  static List<Component> procedures() {
    List<Component> c = new ArrayList<>();
    c.add(Component.done("sam", Kind.PROCEDURE, 43, "io.jgrad.losses.procedure.Sam", List.of(
        ParamSpec.of("rho", 0.05, "neighbourhood radius"),
        ParamSpec.of("adaptive", false, "adaptive SAM (ASAM): scale by |w|")),
        p -> new Sam(p.d("rho"), p.b("adaptive"))).noGradCheck(PROCEDURE));
    c.add(Component.done("amp", Kind.PROCEDURE, 7, "io.jgrad.losses.procedure.Amp", List.of(
        ParamSpec.of("epsilon", 0.5, "radius of each parameter tensor's perturbation ball"),
        ParamSpec.of("inner_lr", 1.0, "ascent step size"),
        ParamSpec.of("inner_iter", 1, "ascent steps per batch (0: plain step)")),
        p -> new Amp(p.d("epsilon"), p.d("inner_lr"), p.i("inner_iter"))).noGradCheck(PROCEDURE));
    c.add(Component.done("adversarial_weight_perturbation", Kind.PROCEDURE, 105, "io.jgrad.losses.procedure.Awp", List.of(
        ParamSpec.of("gamma", 0.01, "relative size of the layer-wise weight perturbation"),
        ParamSpec.of("awp_lr", 0.01, "step of the proxy ascent (its size cancels in the layer-wise normalization, as in the reference)"),
        ParamSpec.of("warmup", 0, "epochs of plain adversarial training first"),
        ParamSpec.of("epsilon", EPS_8_255, "PGD radius (L-infinity)"),
        ParamSpec.of("step_size", STEP_2_255, "PGD step"),
        ParamSpec.of("num_steps", 10, "PGD steps"),
        ParamSpec.of("seed", 0L, "seed of the PGD random start")),
        p -> new Awp(p.d("gamma"), p.d("awp_lr"), p.i("warmup"), pgd(p, AdversarialInputs.Objective.CE))).noGradCheck(PROCEDURE));
    c.add(Component.done("gradient_norm_regularization_fd", Kind.PROCEDURE, 62, "io.jgrad.losses.procedure.GradientNormFd", List.of(
        ParamSpec.of("gamma", 0.05, "weight of (1/2)||grad L||^2"),
        ParamSpec.of("epsilon", 0.1, "finite-difference step"),
        ParamSpec.of("variant", "forward", "forward (F-GR, ascent then descent) or backward (B-GR)"),
        ParamSpec.of("normalize", false, "step epsilon along g/||g|| instead of epsilon * g")),
        p -> new GradientNormFd(p.d("gamma"), p.d("epsilon"), p.s("variant"), p.b("normalize"))).noGradCheck(PROCEDURE));
    c.add(Component.done("grad_norm_penalty", Kind.PROCEDURE, 19, "io.jgrad.losses.procedure.GradNormPenalty", List.of(
        ParamSpec.of("lambda", 0.01, "penalty weight"),
        ParamSpec.of("power", 2, "2: squared gradient norm, 1: the norm")),
        p -> new GradNormPenalty(p.d("lambda"), p.i("power"))));
    c.add(Component.partial("lawn", Kind.PROCEDURE, 54, "io.jgrad.losses.procedure.Lawn", List.of(
        ParamSpec.of("warmup_epochs", 2, "unconstrained epochs before the norms are frozen"),
        ParamSpec.of("layers", 0, "constrain the last k weights (0: those after the last normalization layer)"),
        ParamSpec.of("project_gradient", true, "remove the gradient's radial component")),
        "the paper's algorithm could not be read (abstract only); layer choice, radial projection and "
        + "warm-up length are this library's reading, exposed as parameters; no demonstration",
        p -> new Lawn(p.i("warmup_epochs"), p.i("layers"), p.b("project_gradient"))).noGradCheck(PROCEDURE));
    return c;
  }

  /** Flooding, and the regularizers on perturbed inputs: VAT and its adversarial loss, ELLE, ARoW, SRST-AWR, smooth comp-sum. */
  static List<Component> perturbationRegularizers() {
    List<Component> c = new ArrayList<>();
    c.add(Component.done("flooding_loss", Kind.LOSS, 62, "io.jgrad.losses.FloodingLoss", List.of(
        ParamSpec.of("b", 0.05, "flood level (tune per dataset)")),
        p -> FloodingLoss.crossEntropy(p.d("b"))));
    c.add(Component.done("vat_loss", Kind.REGULARIZER, 21, "io.jgrad.losses.reg.VirtualAdversarialLoss", List.of(
        ParamSpec.of("epsilon", 8.0, "norm of the virtual adversarial perturbation"),
        ParamSpec.of("xi", 1e-6, "finite-difference scale of the power iteration"),
        ParamSpec.of("num_power_iterations", 1, "power iterations"),
        ParamSpec.of("alpha", 1.0, "weight of the LDS term"),
        ParamSpec.of("seed", 0L, "seed of the random directions")),
        p -> new VirtualAdversarialLoss(p.d("epsilon"), p.d("xi"), p.i("num_power_iterations"), p.d("alpha"), p.l("seed"))));
    c.add(Component.done("adversarial_loss", Kind.REGULARIZER, 21, "io.jgrad.losses.reg.VatAdversarialLoss", List.of(
        ParamSpec.of("epsilon", 8.0, "norm of the adversarial perturbation"),
        ParamSpec.of("alpha", 1.0, "weight")),
        p -> new VatAdversarialLoss(p.d("epsilon"), p.d("alpha"))));
    c.add(Component.done("elle_reg", Kind.REGULARIZER, 18, "io.jgrad.losses.reg.ElleRegularizer", List.of(
        ParamSpec.of("lambda", 4000.0, "weight (ELLE-A: the value it switches to)"),
        ParamSpec.of("epsilon", EPS_8_255, "radius of the uniform points around x"),
        ParamSpec.of("adaptive", true, "ELLE-A: lambda from 0, switched on when ELLE jumps"),
        ParamSpec.of("sensitivity", 2.0, "ELLE-A: jump threshold in standard deviations"),
        ParamSpec.of("decay_rate", 0.99, "ELLE-A: lambda's decay per step"),
        ParamSpec.of("seed", 0L, "seed of the random points")),
        p -> new ElleRegularizer(p.d("lambda"), p.d("epsilon"), p.b("adaptive"), p.d("sensitivity"), p.d("decay_rate"),
            p.l("seed"))));
    c.add(Component.done("arow_loss", Kind.REGULARIZER, 17, "io.jgrad.losses.reg.ArowRegularizer", List.of(
        ParamSpec.of("lambda", 7.0, "weight of the robust term (the code's convention: twice the paper's)"),
        ParamSpec.of("epsilon", EPS_8_255, "PGD radius (L-infinity, TRADES' KL objective)"),
        ParamSpec.of("step_size", STEP_2_255, "PGD step"),
        ParamSpec.of("num_steps", 10, "PGD steps"),
        ParamSpec.of("seed", 0L, "seed of the PGD random start")),
        p -> new ArowRegularizer(p.d("lambda"), pgd(p, AdversarialInputs.Objective.KL))));
    c.add(new Component("awr_robust_regularizer", Kind.REGULARIZER, 70, "io.jgrad.losses.reg.AwrRobustRegularizer", List.of(
        ParamSpec.of("lambda", 3.0, "weight of the robust term"),
        ParamSpec.of("beta", 0.5, "convex weighting of the two confidence terms"),
        ParamSpec.of("tau", 1.0, "distillation temperature"),
        ParamSpec.of("gamma", 1.0, "weight of the distillation term"),
        ParamSpec.of("epsilon", EPS_8_255, "PGD radius (L-infinity, TRADES' KL objective)"),
        ParamSpec.of("step_size", STEP_2_255, "PGD step"),
        ParamSpec.of("num_steps", 10, "PGD steps"),
        ParamSpec.of("seed", 0L, "seed of the PGD random start")),
        Status.PARTIAL, "no demonstration yet (the paper's low-label robust-accuracy claim needs a trained semi-supervised "
        + "teacher); needs a teacher model: AwrRobustRegularizer.withTeacher(model)",
        p -> new AwrRobustRegularizer(null, pgd(p, AdversarialInputs.Objective.KL), p.d("lambda"), p.d("beta"), p.d("tau"), p.d("gamma"))));
    c.add(Component.partial("smooth_adv_comp_sum_loss", Kind.REGULARIZER, 23, "io.jgrad.losses.reg.SmoothAdversarialCompSum",
        List.of(
            ParamSpec.of("nu", 1.0, "weight of the smooth term"),
            ParamSpec.of("gamma", EPS_8_255, "radius of the input ball (L-infinity PGD)"),
            ParamSpec.of("step_size", STEP_2_255, "PGD step"),
            ParamSpec.of("num_steps", 10, "PGD steps"),
            ParamSpec.of("seed", 0L, "seed of the PGD random start")),
        "the smooth term's exact form (raw logits vs score differences, the norm) is the catalog's "
        + "unverified transcription; the paper's text could not be found; no demonstration",
        p -> new SmoothAdversarialCompSum(p.d("nu"), new AdversarialInputs(
            AdversarialInputs.Objective.LOGIT_DISTANCE, p.d("gamma"), p.d("step_size"), p.i("num_steps"), p.l("seed")))));
    return c;
  }

  /** Penalties on the input-output Jacobian and the functional Fisher information. */
  static List<Component> jacobianPenalties() {
    List<Component> c = new ArrayList<>();
    c.add(Component.done("jacobian_frobenius_penalty", Kind.REGULARIZER, 88, "io.jgrad.losses.reg.JacobianFrobeniusPenalty",
        List.of(
            ParamSpec.of("lambda", 0.01, "weight (sigma^2 of the regularized auto-encoder criterion)"),
            ParamSpec.of("estimator", "exact", "exact, hutchinson or fd"),
            ParamSpec.of("samples", 1, "probes of the hutchinson / fd estimators"),
            ParamSpec.of("fd_sigma", 0.01, "noise scale of the fd estimator"),
            ParamSpec.of("layers", 0, "penalize the first k layers of a Sequential (0: the whole model)"),
            ParamSpec.of("seed", 0L, "seed of the probes")),
        p -> new JacobianFrobeniusPenalty(p.d("lambda"), p.s("estimator"), p.i("samples"), p.d("fd_sigma"), p.i("layers"),
            p.l("seed"))));
    c.add(Component.done("jacobian_nuclear_norm_regularizer", Kind.REGULARIZER, 76,
        "io.jgrad.losses.reg.JacobianNuclearNormRegularizer", List.of(
            ParamSpec.of("lambda", 0.01, "weight"),
            ParamSpec.of("split", 1, "h = the first split layers of a Sequential, g = the rest"),
            ParamSpec.of("estimator", "denoising", "denoising (the paper's), exact or hutchinson"),
            ParamSpec.of("sigma", 0.1, "noise scale of the denoising estimate"),
            ParamSpec.of("samples", 1, "noise draws per example"),
            ParamSpec.of("detach_latent", false, "stop the g term's gradient at z = h(x)"),
            ParamSpec.of("seed", 0L, "seed of the noise")),
        p -> new JacobianNuclearNormRegularizer(p.d("lambda"), p.i("split"), p.s("estimator"), p.d("sigma"), p.i("samples"),
            p.b("detach_latent"), p.l("seed"))));
    c.add(Component.partial("functional_fisher_information_regularizer", Kind.REGULARIZER, 72,
        "io.jgrad.losses.reg.FunctionalFisherRegularizer", List.of(
            ParamSpec.of("delta", 1e-10, "weight"),
            ParamSpec.of("split", new double[0], "modality sizes along the flattened input, e.g. 32;32 (empty: two halves)"),
            ParamSpec.of("n_samples", 10, "noisy copies per example"),
            ParamSpec.of("norm", 2.0, "norm over the modalities' scores"),
            ParamSpec.of("criterion", "bce", "bce (the code's README) or kl"),
            ParamSpec.of("estimation", "ent", "ent (divide by the loss) or var"),
            ParamSpec.of("optim_method", "max_ent", "max_ent (norm of 1/I) or min_ent (norm of I)"),
            ParamSpec.of("seed", 0L, "seed of the noise")),
        "no demonstration yet (the paper's claim is about multi-modal bias, which needs a two-modality data set)",
        p -> new FunctionalFisherRegularizer(p.d("delta"), p.ints("split"), p.i("n_samples"), p.d("norm"),
            p.s("criterion"), p.s("estimation"), p.s("optim_method"), p.l("seed"))));
    return c;
  }

  static AdversarialInputs pgd(Params p, AdversarialInputs.Objective objective) {
    return new AdversarialInputs(objective, p.d("epsilon"), p.d("step_size"), p.i("num_steps"), p.l("seed"));
  }
}

package io.jgrad.losses.catalog;

import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.SGDW;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog's optimizers and schedules: {@code adamw} (paper 56, "Decoupled Weight Decay
 * Regularization"; {@code variant=sgdw} gives SGD with decoupled weight decay) and
 * {@code one_cycle_schedule} (paper 95, "A disciplined approach to neural network
 * hyper-parameters: Part 1"). Parameter names and defaults are the catalog spec's.
 */
public final class OptimizationEntries implements CatalogEntries {
  @Override
  public List<Component> entries() {
    return List.of(adamw(), oneCycle());
  }

  private static Component adamw() {
    List<ParamSpec> ps = List.of(
        ParamSpec.of("variant", "adamw", "adamw (Adam with decoupled decay, torch's convention: p -= lr * weight_decay * p) or sgdw "
            + "(SGD with momentum and decoupled decay, the paper's: p -= (lr / initial lr) * weight_decay * p)"),
        ParamSpec.of("lr", 1e-3, "learning rate (gamma; alpha for sgdw)"),
        ParamSpec.of("beta1", 0.9, "adamw: first-moment decay"),
        ParamSpec.of("beta2", 0.999, "adamw: second-moment decay"),
        ParamSpec.of("eps", 1e-8, "adamw: denominator term"),
        ParamSpec.of("weight_decay", 1e-2, "lambda; for sgdw it is applied per step, scaled by the schedule multiplier only"),
        ParamSpec.of("amsgrad", false, "adamw: use the running maximum of v"),
        ParamSpec.of("momentum", 0.9, "sgdw: momentum factor"),
        ParamSpec.of("nesterov", false, "sgdw: Nesterov momentum"));
    return Component.partial("adamw", Kind.OPTIMIZER, 56, "io.jgrad.nn.optim.AdamW, io.jgrad.nn.optim.SGDW", ps,
        "AdamW and SGDW implemented with goldens (torch AdamW; a reimplementation of the authors' SGDW code); the demonstration "
            + "(AdamW vs Adam + L2, each best of a 3-point decay grid, digits MLP) FAILs: 0.946 vs 0.951 test accuracy; so does SGDW's "
            + "(sgdw: its good decay range moves with a 4x learning rate by 0.67 grid steps, SGD + L2's by 0)",
        p -> {
          String variant = p.s("variant").toLowerCase(Locale.ROOT);
          double lr = p.d("lr");
          double wd = p.d("weight_decay");
          if (!(lr >= 0)) throw new IllegalArgumentException("adamw: lr must be >= 0, got " + lr);
          if (!(wd >= 0)) throw new IllegalArgumentException("adamw: weight_decay must be >= 0, got " + wd);
          return switch (variant) {
            case "adamw" -> (OptimizerFactory) (List<Tensor> params) -> new AdamW(params, lr, Map.of("beta1", p.d("beta1"),
                "beta2", p.d("beta2"), "eps", p.d("eps"), "weightDecay", wd, "amsgrad", p.b("amsgrad")));
            case "sgdw" -> (OptimizerFactory) (List<Tensor> params) -> new SGDW(params, lr, Map.of("momentum", p.d("momentum"),
                "nesterov", p.b("nesterov"), "weightDecay", wd));
            default -> throw new IllegalArgumentException("adamw: variant must be adamw or sgdw, got '" + p.s("variant") + "'");
          };
        }).noGradCheck("an optimizer: checked by its parameter trajectories against torch and the authors' code");
  }

  private static Component oneCycle() {
    List<ParamSpec> ps = List.of(
        ParamSpec.of("max_lr", new double[0], "peak learning rate: one value, or one per parameter group separated by ';'; "
            + "empty: each group's lr when the schedule is made (fastai's lr_max=None)"),
        ParamSpec.of("pct_start", 0.3, "fraction of the steps spent increasing the lr"),
        ParamSpec.of("anneal_strategy", "cos", "cos or linear"),
        ParamSpec.of("cycle_momentum", true, "cycle momentum (or Adam's beta1) inversely to the lr"),
        ParamSpec.of("base_momentum", 0.85, "lowest momentum"),
        ParamSpec.of("max_momentum", 0.95, "highest momentum"),
        ParamSpec.of("div_factor", 25.0, "initial lr = max_lr / div_factor"),
        ParamSpec.of("final_div_factor", 1e4, "min lr = initial lr / final_div_factor"),
        ParamSpec.of("three_phase", false, "the paper's three phases (up, down to the initial lr, annihilation)"));
    return Component.partial("one_cycle_schedule", Kind.SCHEDULE, 95, "io.jgrad.nn.optim.OneCycleLR", ps,
        "two- and three-phase, per-group max_lr, torch goldens, demonstration (digits MLP, 5 epochs, against constant rates); "
            + "no LR range test yet",
        p -> {
          double[] maxLr = p.ds("max_lr");
          OneCycleLR.Anneal anneal = switch (p.s("anneal_strategy").toLowerCase(Locale.ROOT)) {
            case "cos" -> OneCycleLR.Anneal.COS;
            case "linear" -> OneCycleLR.Anneal.LINEAR;
            default -> throw new IllegalArgumentException("one_cycle_schedule: anneal_strategy must be cos or linear, got '"
                + p.s("anneal_strategy") + "'");
          };
          return (ScheduleFactory) (optimizer, totalSteps) -> {
            if (totalSteps < 1 || totalSteps > Integer.MAX_VALUE) {
              throw new IllegalArgumentException("one_cycle_schedule: totalSteps must be in [1, " + Integer.MAX_VALUE + "], got " + totalSteps);
            }
            double[] peak = maxLr.length > 0 ? maxLr : optimizer.paramGroups().stream().mapToDouble(g -> g.lr()).toArray();
            return OneCycleLR.builder(optimizer, (int) totalSteps).maxLrs(peak).pctStart(p.d("pct_start")).anneal(anneal)
                .cycleMomentum(p.b("cycle_momentum")).baseMomentum(p.d("base_momentum")).maxMomentum(p.d("max_momentum"))
                .divFactor(p.d("div_factor")).finalDivFactor(p.d("final_div_factor")).threePhase(p.b("three_phase")).build();
          };
        }).noGradCheck("a schedule: a sequence of learning rates, checked step by step against torch");
  }
}

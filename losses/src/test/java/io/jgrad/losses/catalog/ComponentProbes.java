package io.jgrad.losses.catalog;

import io.jgrad.losses.Losses;
import io.jgrad.losses.reg.AwrRobustRegularizer;
import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.FakeQuantInput;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Parametrization;
import io.jgrad.nn.Parametrize;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.Cutout;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded float64 runs of registered components, one per kind (with a few components that need
 * other inputs), each returning a fingerprint: the numbers the component produced (values,
 * gradients, updated weights, metric values, learning rates). Used by
 * {@link CatalogParameterEffectTest} to see whether a parameter changes what a component does.
 */
final class ComponentProbes {
  private ComponentProbes() {}

  /** Builds the component from its parameters and runs it. */
  interface Probe extends Function<Params, double[]> {}

  /** The probe of {@code c}: a component-specific one where the kind's default input does not fit. */
  static Probe of(Component c) {
    return switch (c.id()) {
      case "anyloss", "ensloss", "bce_with_logits", "soft_margin" -> p -> loss(p, binaryLogits(), binaryTargets());
      case "bce" -> p -> loss(p, binaryLogits().sigmoid(), binaryTargets().to(DType.FLOAT64));
      case "nll" -> p -> loss(p, logits().logSoftmax(1), classes());
      case "kl_div" -> p -> loss(p, logits().logSoftmax(1), logits().mul(0.5).softmax(1));
      case "multilabel_margin" -> p -> loss(p, logits(), Tensor.of(new long[] {3, 1, -1, 0, 0, 4, -1, 2, 2, 2, 0, 1, 3, 4, -1,
          1, -1, 0, 0, 0, 2, 4, -1, 0, 1, 0, 2, 3, -1, 4}).reshape(6, 5));
      case "multilabel_soft_margin", "hinge_embedding" -> p -> loss(p, logits(), Tensor.rand(new Generator(4), DType.FLOAT64, 6, 5)
          .gt(0.5).to(DType.FLOAT64).mul(c.id().equals("hinge_embedding") ? 2 : 1).sub(c.id().equals("hinge_embedding") ? 1 : 0));
      case "z_error_loss" -> p -> loss(p, regression(), regressionTargets().add(Tensor.of(new double[] {0, 0, 0, 20, 0, 0, 0, 0})));
      case "mse", "l1", "huber", "smooth_l1", "poisson_nll", "pseudo_huber_loss", "proximal_matching_loss",
          "regression_losses_core", "regression_losses_ext", "pinball_loss" -> ComponentProbes::regressionLoss;
      case "aggregate_response_loss" -> p -> loss(p, regression(), regressionTargets(), Map.of("bag", Tensor.of(new long[] {0, 0, 1, 1,
          1, 2, 2, 3})));
      case "dice_loss", "generalized_dice_loss", "tversky_loss", "lovasz_softmax_loss" -> ComponentProbes::denseLoss;
      case "spectral_decoupling" -> p -> p.b("per_class") ? outputPenalty(p, binaryLogits(), binaryTargets())
          : outputPenalty(p, logits(), classes());
      case "total_variation_loss", "weighted_total_variation" -> p -> outputPenalty(p, Tensor.randn(new Generator(6), DType.FLOAT64,
          2, 1, 5, 6), Tensor.zeros(DType.INT64, 2), Map.of("tv_weights", Tensor.rand(new Generator(7), DType.FLOAT64, 2, 4, 5).add(0.2)));
      case "calibration_regularizer" -> p -> outputPenalty(p, Tensor.randn(new Generator(6), DType.FLOAT64, 8, 2), regressionTargets());
      case "pit_calibration_error" -> p -> metric(p, p.s("dist").equals("quantiles")
          ? Tensor.randn(new Generator(6), DType.FLOAT64, 8, p.ds("taus").length).sort(1, false).values()
          : Tensor.randn(new Generator(6), DType.FLOAT64, 8, 2), regressionTargets());
      case "regression_error_metrics" -> p -> metric(p, Tensor.randn(new Generator(6), DType.FLOAT64, 8, 2), regressionTargets());
      case "legendretron_link" -> p -> layer(p, Tensor.randn(new Generator(6), DType.FLOAT64, 5, p.i("num_classes") - 1));
      case "bitwise_weight_layer", "weight_conditioning" -> ComponentProbes::parametrized;
      default -> switch (c.kind()) {
        case LOSS -> p -> loss(p, logits(), classes());
        case REGULARIZER -> ComponentProbes::regularizerSteps;
        case PROCEDURE -> ComponentProbes::procedureSteps;
        case LAYER -> p -> layer(p, Tensor.randn(new Generator(6), DType.FLOAT64, 4, 5).mul(2));
        case METRIC -> p -> metric(p, logits(), classes());
        case OPTIMIZER -> ComponentProbes::optimizerSteps;
        case SCHEDULE -> ComponentProbes::schedule;
        case TRANSFORM -> p -> flat(((Cutout) create(p, Object.class)).apply(Tensor.randn(new Generator(6), DType.FLOAT64, 2, 12, 12)));
        case TOOL -> ComponentProbes::tool;
        default -> throw new IllegalArgumentException(c.id() + ": no probe for kind " + c.kind());
      };
    };
  }

  /** The component built with float64 as the default dtype of any module it creates (state tables, layers). */
  static <T> T create(Params p, Class<T> type) {
    Object[] built = new Object[1];
    Module.withDType(DType.FLOAT64, () -> {
      built[0] = Catalog.create(p, type);
      return new Sequential();
    });
    return type.cast(built[0]);
  }

  static Tensor logits() { return Tensor.randn(new Generator(13), DType.FLOAT64, 6, 5).mul(2); }

  static Tensor classes() { return Tensor.of(new long[] {0, 3, 1, 2, 2, 4}); }

  static Tensor binaryLogits() { return Tensor.randn(new Generator(3), DType.FLOAT64, 8, 1).mul(2); }

  static Tensor binaryTargets() { return Tensor.of(new long[] {1, 0, 0, 1, 1, 0, 1, 1}).reshape(8, 1); }

  static Tensor regression() { return Tensor.randn(new Generator(8), DType.FLOAT64, 8).mul(2); }

  static Tensor regressionTargets() { return Tensor.rand(new Generator(9), DType.FLOAT64, 8).mul(3).add(0.2); }

  /** A regression output of one column per quantile level (pinball_loss), else [8]. */
  static double[] regressionLoss(Params p) {
    Tensor out = regression();
    if (p.id().equals("pinball_loss") && p.ds("taus").length > 1) {
      out = Tensor.randn(new Generator(8), DType.FLOAT64, 8, p.ds("taus").length).mul(2);
    }
    if (p.id().equals("poisson_nll")) return loss(p, out, regressionTargets().floor());
    return loss(p, out, regressionTargets());
  }

  static double[] denseLoss(Params p) {
    Tensor labels = Tensor.of(new long[] {0, 1, 2, 2, 1, 0, 0, 0, 2, 1, 1, 1, 0, 2, 2, 0}).reshape(1, 4, 4);
    return loss(p, Tensor.randn(new Generator(5), DType.FLOAT64, 2, 3, 4, 4), Tensor.cat(List.of(labels, labels.flip(2)), 0));
  }

  static double[] loss(Params p, Tensor out, Tensor y) { return loss(p, out, y, Map.of()); }

  /** The value (reduction as given) and the gradient of its sum with respect to the output, after two calls (for stateful losses). */
  static double[] loss(Params p, Tensor out, Tensor y, Map<String, Tensor> fields) {
    Objective o = create(p, Objective.class);
    Batch b = new Batch(out, y, Tensor.arange(out.size(0)), fields);
    o.loss(out, b);
    Tensor x = out.detach().requiresGrad(true);
    Tensor v = o.loss(x, new Batch(x, y, b.index(), fields));
    v.sum().backward();
    return concat(flat(v), flat(x.grad()));
  }

  static double[] outputPenalty(Params p, Tensor out, Tensor y) { return outputPenalty(p, out, y, Map.of()); }

  static double[] outputPenalty(Params p, Tensor out, Tensor y, Map<String, Tensor> fields) {
    Regularizer r = create(p, Regularizer.class);
    Tensor x = out.detach().requiresGrad(true);
    Tensor v = r.penalty(null, new Batch(x, y, Tensor.arange(x.size(0)), fields), x);
    v.sum().backward();
    return concat(flat(v), flat(x.grad()));
  }

  /** A small conv net with weights and biases (conv, two Linear), inputs in [0, 1]. */
  static Sequential model() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Conv2d(1, 8, new int[] {3, 3}, new int[] {1, 1},
        new int[] {0, 0}, new int[] {1, 1}, 1, true, new Generator(4)), new ReLU(), new Flatten(),
        new Linear(32, 6, true, new Generator(5)), new ReLU(), new Linear(6, 3, true, new Generator(6))));
  }

  static List<Batch> batches() {
    Generator g = new Generator(8);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Tensor x = Tensor.rand(g, DType.FLOAT64, 5, 1, 4, 4);
      out.add(new Batch(x, Tensor.randint(g, 0, 3, 5), Tensor.arange(5 * i, 5 * i + 5, 1, DType.INT64), Map.of()));
    }
    return out;
  }

  /** A teacher for awr_robust_regularizer: the probe model with other weights. */
  static Sequential teacher() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Flatten(), new Linear(16, 3, true, new Generator(21))));
  }

  /** Five SGD steps of cross entropy plus the regularizer (penalty and afterStep): the losses and the final weights. */
  static double[] regularizerSteps(Params p) {
    Sequential m = model();
    Regularizer r = create(p, Regularizer.class);
    if (r instanceof AwrRobustRegularizer awr) r = awr.withTeacher(teacher());
    StepLoop loop = new StepLoop(m, new SGD(m.parameters(), 0.1), Objective.of(Losses::crossEntropy), List.of(r), 1, 0, null, false);
    List<Double> losses = loop.run(TrainStep.STANDARD, batches());
    double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
    return concat(l, weights(m));
  }

  /** Five steps of the procedure around SGD: the losses and the final weights (Linear inputs fake-quantized for progressive_subnet_distillation). */
  static double[] procedureSteps(Params p) {
    Sequential m = model();
    if (p.id().equals("progressive_subnet_distillation")) {
      Module.withDType(DType.FLOAT64, () -> {
        FakeQuantInput.wrapAll(m, Linear.class, () -> new LearnedClipFakeQuant(8, 3, -3));
        return m;
      });
    }
    TrainStep step = create(p, TrainStep.class);
    StepLoop loop = StepLoop.of(m, new SGD(m.parameters(), 0.1), Objective.of(Losses::crossEntropy));
    double[] l = loop.run(step, batches()).stream().mapToDouble(Double::doubleValue).toArray();
    return concat(l, weights(m));
  }

  /** The layer's output on {@code x} (a parametrization: of a 4x5 weight), its parameter count and the gradient of every parameter. */
  static double[] layer(Params p, Tensor x) {
    Module layer = create(p, Module.class);
    Tensor in = x.detach().requiresGrad(true);
    Tensor out = layer instanceof Parametrization par ? par.forward(in) : layer.forward(in);
    out.mul(Tensor.randn(new Generator(2), DType.FLOAT64, out.shape())).sum().backward();
    List<Tensor> params = layer.parameters();
    double[] grads = new double[0];
    for (Tensor t : params) grads = concat(grads, t.grad() == null ? new double[] {0} : flat(t.grad()));
    return concat(concat(flat(out), new double[] {params.size()}), concat(flat(in.grad()), grads));
  }

  /** A parametrization of a Linear(5, 3) weight: the layer's output on seeded inputs and the gradients of its originals. */
  static double[] parametrized(Params p) {
    Parametrization par = create(p, Parametrization.class);
    Linear lin = Module.withDType(DType.FLOAT64, () -> new Linear(5, 3, true, new Generator(6)));
    Parametrize.register(lin, "weight", par);
    Tensor out = lin.forward(Tensor.randn(new Generator(7), DType.FLOAT64, 4, 5));
    out.mul(Tensor.randn(new Generator(2), DType.FLOAT64, out.shape())).sum().backward();
    double[] r = flat(out);
    for (Tensor t : lin.parameters()) r = concat(r, t.grad() == null ? new double[] {0} : flat(t.grad()));
    return r;
  }

  static double[] metric(Params p, Tensor out, Tensor y) {
    Metric m = create(p, Metric.class);
    m.update(out, new Batch(out, y));
    Map<String, Double> v = new TreeMap<>(m.compute());
    return v.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Three steps of the optimizer on a fixed quadratic whose scale shrinks (100, 1, 0.01: AMSGrad's maximum matters): the weights after each. */
  static double[] optimizerSteps(Params p) {
    Tensor w = Tensor.of(new double[] {1.0, -2.0, 0.5, 3.0}).requiresGrad(true);
    Optimizer o = create(p, OptimizerFactory.class).create(List.of(w));
    double[] out = new double[0];
    double[] scale = {100, 1, 0.01};
    for (int i = 0; i < 3; i++) {
      o.zeroGrad();
      w.mul(w).mul(Tensor.of(new double[] {1, 2, 3, 4})).sum().mul(scale[i]).backward();
      o.step();
      out = concat(out, flat(w.detach()));
    }
    return out;
  }

  /** Twenty steps of the schedule on SGD (lr 0.1, momentum 0.9): the learning rate and momentum at each. */
  static double[] schedule(Params p) {
    SGD sgd = new SGD(List.of(Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true)), 0.1, Map.of("momentum", 0.9));
    LrScheduler s = create(p, ScheduleFactory.class).create(sgd, 20);
    double[] out = new double[40];
    for (int i = 0; i < 20; i++) {
      ParamGroup g = sgd.paramGroups().get(0);
      out[2 * i] = g.lr();
      out[2 * i + 1] = g.get("momentum");
      s.step();
    }
    return out;
  }

  /** lr_qr_threshold_fit on a seeded shift problem: the fitted thresholds of the target points. */
  static double[] tool(Params p) {
    Generator g = new Generator(11);
    Tensor src = Tensor.randn(g, DType.FLOAT64, 40, 2), scores = Tensor.rand(g, DType.FLOAT64, 40);
    Tensor tgt = Tensor.randn(g, DType.FLOAT64, 20, 2).add(0.5), unl = Tensor.randn(g, DType.FLOAT64, 20, 2);
    var fitted = create(p, io.jgrad.losses.LrQr.Fitter.class).fit(src, scores, tgt, unl);
    return flat(fitted.predict(tgt));
  }

  static double[] weights(Module m) {
    double[] out = new double[0];
    for (Tensor t : m.parameters()) out = concat(out, flat(t.detach()));
    return out;
  }

  static double[] flat(Tensor t) { return t.detach().to(DType.FLOAT64).contiguous().toDoubleArray(); }

  static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

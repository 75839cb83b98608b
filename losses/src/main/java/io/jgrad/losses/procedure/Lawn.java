package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.GroupNorm;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logit Attenuating Weight Normalization around any optimizer. Paper 54, "Logit Attenuating
 * Weight Normalization" (Gupta et al. 2021): after an unconstrained warm-up the norm of each
 * weight of the final homogeneous sub-network is frozen at its value at the end of warm-up,
 * c_l, so the logits cannot grow by scaling those weights:
 * <pre>
 *   warm-up (epochs 1..warmup_epochs): the plain step
 *   then, for each constrained weight W_l:  g_l &lt;- g_l - (&lt;g_l, W_l&gt; / ||W_l||^2) W_l   (when project_gradient)
 *           optimizer.step();   W_l &lt;- c_l W_l / ||W_l||
 * </pre>
 * Constrained weights: the last {@code layers} weights with more than one dim in module order,
 * or, with {@code layers = 0}, every such weight after the last normalization layer (BatchNorm,
 * LayerNorm, GroupNorm; all of them when the model has none).
 *
 * <p>Status: the paper's algorithm could not be read (only its abstract); this follows the
 * abstract and the catalog's transcription, and the choices it leaves open are parameters:
 * which layers, the radial gradient projection, the warm-up length (defaults: the automatic
 * sub-network, projection on, 2 epochs, this library's choices). The registry marks it partial.
 * Tested: the norms stay at c_l after every step (ProcedureBehaviourTest).
 */
public final class Lawn implements TrainStep {
  public static final String ID = "lawn";
  private final int warmupEpochs, layers;
  private final boolean projectGradient;
  private final Map<Tensor, Double> norms = new IdentityHashMap<>();
  private List<Tensor> constrained;

  public Lawn(int warmupEpochs, int layers, boolean projectGradient) {
    if (warmupEpochs < 0) throw new IllegalArgumentException(ID + ": warmup_epochs must be >= 0, got " + warmupEpochs);
    if (layers < 0) throw new IllegalArgumentException(ID + ": layers must be >= 0, got " + layers);
    this.warmupEpochs = warmupEpochs;
    this.layers = layers;
    this.projectGradient = projectGradient;
  }

  /** The constrained weights of {@code model} (see the class comment). */
  public List<Tensor> constrainedWeights(Module model) {
    List<Tensor> all = new ArrayList<>();
    int afterNorm = 0;
    for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
      Module m = e.getValue();
      if (m instanceof BatchNorm || m instanceof LayerNorm || m instanceof GroupNorm) afterNorm = all.size();
      for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
        if (!p.getKey().contains(".") && p.getValue().dim() > 1) all.add(p.getValue());
      }
    }
    int from = layers > 0 ? Math.max(0, all.size() - layers) : afterNorm;
    return new ArrayList<>(all.subList(from, all.size()));
  }

  /** The frozen norm c_l of {@code w} (NaN before the constrained phase starts). */
  public double frozenNorm(Tensor w) { return norms.getOrDefault(w, Double.NaN); }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor loss = ctx.loss(ctx.forward(b.x()), b);
    ctx.backward(loss);
    boolean constrainedPhase = ctx.epoch() > warmupEpochs;
    if (!constrainedPhase) {
      ctx.step();
      return loss;
    }
    if (constrained == null) {
      constrained = constrainedWeights(ctx.model());
      for (Tensor w : constrained) norms.put(w, w.detach().norm().item());
    }
    try (var off = Grad.disabled()) {
      if (projectGradient) {
        for (Tensor w : constrained) {
          Tensor g = w.grad();
          if (g == null) continue;
          Tensor radial = g.mul(w).sum().div(w.mul(w).sum());
          g.subInPlace(w.mul(radial));
        }
      }
    }
    boolean update = ctx.isUpdateStep();
    ctx.step();
    if (update) {
      try (var off = Grad.disabled()) {
        for (Tensor w : constrained) w.mulInPlace(w.norm().reciprocal().mul(norms.get(w)));
      }
    }
    return loss;
  }
}

package io.jgrad.nn.optim;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of the optimizers: parameter groups, {@link #step()}, {@link #zeroGrad()} and a
 * state dictionary, following {@code torch.optim.Optimizer}.
 *
 * <p>Updates run in place under {@link Grad#disabled()}. Per-parameter state (momentum buffers,
 * moments) is allocated with {@link TensorScope#untracked} so a training step's scope does not
 * close it; temporaries of an update are closed by a scope opened around each parameter.
 * Parameters whose gradient is null are skipped (their step count does not advance).
 *
 * <p>Devices: state is created on its parameter's device. An optimizer may be built before or
 * after {@code Module.to(device)} (parameters keep their identity); state that already exists
 * is moved to the parameter's device at the next {@link #step()}. {@link #loadStateDict}
 * copies host (checkpoint) tensors onto each parameter's device.
 *
 * <p>State buffers carry torch's names ({@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}, {@code momentum_buffer}, {@code square_avg}, {@code grad_avg},
 * {@code sum}), so a saved state loads into {@code torch.optim} (see
 * {@link io.jgrad.nn.io.OptimizerStates}). {@link #loadStateDict} also accepts the camelCase
 * names of earlier versions ({@code expAvg}, {@code momentumBuffer}, ...), so old checkpoints load.
 */
public abstract class Optimizer {
  /** Per-parameter state: the number of updates applied and named buffers. */
  protected static final class ParamState {
    long step;
    final Map<String, Tensor> buffers = new LinkedHashMap<>();

    public long step() { return step; }

    public Tensor get(String name) { return buffers.get(name); }

    /** Returns the buffer, creating it (untracked) from {@code init} on first use. */
    public Tensor getOrCreate(String name, java.util.function.Supplier<Tensor> init) {
      Tensor t = buffers.get(name);
      if (t == null) {
        t = TensorScope.untracked(init);
        buffers.put(name, t);
      }
      return t;
    }
  }

  /** State names of earlier versions and the torch names that replaced them; accepted on load. */
  private static final Map<String, String> LEGACY_KEYS = Map.of("expAvg", "exp_avg", "expAvgSq", "exp_avg_sq",
      "maxExpAvgSq", "max_exp_avg_sq", "momentumBuffer", "momentum_buffer", "squareAvg", "square_avg", "gradAvg", "grad_avg");

  private final String name;
  private final List<ParamGroup> groups;
  private final Map<String, Object> defaults;
  private final Map<Tensor, ParamState> state = new IdentityHashMap<>();

  /**
   * @param name     the optimizer's name, used in messages
   * @param groups   parameter groups; missing options are taken from {@code defaults}
   * @param defaults every option this optimizer knows with its default value (Double or Boolean)
   */
  protected Optimizer(String name, List<ParamGroup> groups, Map<String, Object> defaults) {
    this.name = name;
    if (groups == null || groups.isEmpty()) throw new IllegalArgumentException(name + ": no parameter groups");
    this.defaults = Map.copyOf(defaults);
    this.groups = List.copyOf(groups);
    IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (ParamGroup g : this.groups) {
      for (String k : g.options().keySet()) {
        if (!defaults.containsKey(k)) throw new IllegalArgumentException(name + ": unknown option '" + k + "' (known: " + defaults.keySet() + ")");
        Object v = g.options().get(k);
        if (defaults.get(k) instanceof Boolean != v instanceof Boolean) throw new IllegalArgumentException(name + ": option '" + k + "' has the wrong type: " + v);
      }
      for (var e : defaults.entrySet()) if (!g.has(e.getKey())) g.putRaw(e.getKey(), e.getValue());
      for (Tensor p : g.params()) {
        if (seen.put(p, Boolean.TRUE) != null) throw new IllegalArgumentException(name + ": a parameter appears in more than one group");
        if (!p.dtype().isFloatingPoint()) throw new IllegalArgumentException(name + ": parameters must be floating point, got " + p.dtype());
      }
      validate(g);
    }
  }

  /** A fresh contiguous copy of {@code t} (call with grad disabled). */
  protected static Tensor copyOf(Tensor t) {
    return Tensor.empty(t.dtype(), t.device(), t.shape()).copyFrom(t);
  }

  /** One group holding {@code params}, with {@code options} overriding the defaults. */
  protected static List<ParamGroup> single(List<Tensor> params, Map<String, ?> options) {
    ParamGroup g = new ParamGroup(params);
    for (var e : options.entrySet()) {
      if (e.getValue() instanceof Boolean b) g.set(e.getKey(), b);
      else g.set(e.getKey(), ((Number) e.getValue()).doubleValue());
    }
    return List.of(g);
  }

  /** Checks a group's hyperparameters (ranges); throws IllegalArgumentException naming the value. */
  protected void validate(ParamGroup g) {
    double lr = g.get("lr");
    if (!(lr >= 0)) throw new IllegalArgumentException(name + ": invalid learning rate " + lr);
    if (g.has("weightDecay") && !(g.get("weightDecay") >= 0)) throw new IllegalArgumentException(name + ": invalid weightDecay " + g.get("weightDecay"));
  }

  /** Applies one update to {@code p} with gradient {@code grad}; runs with grad disabled in a scope. */
  protected abstract void update(ParamGroup group, Tensor p, Tensor grad, ParamState st);

  /** One optimization step over every parameter that has a gradient. */
  public void step() {
    try (var off = Grad.disabled()) {
      for (ParamGroup g : groups) {
        for (Tensor p : g.params()) {
          Tensor grad = p.grad();
          if (grad == null) continue;
          ParamState st = state.computeIfAbsent(p, k -> new ParamState());
          // State follows its parameter: after Module.to(device) it moves here, once.
          for (Tensor t : st.buffers.values()) if (!t.device().equals(p.device())) t.toInPlace(p.device());
          st.step++;
          try (TensorScope scope = TensorScope.open()) {
            update(g, p, grad, st);
          }
        }
      }
    }
  }

  /**
   * One step with a closure, as torch's {@code optimizer.step(closure)}: evaluates
   * {@code closure} with gradients enabled (also when called inside {@code Grad.disabled()}),
   * then steps, and returns the closure's loss. The closure does what a training step does
   * before {@code step()}: zero the gradients, forward, compute the loss, {@code backward()}, and
   * return the loss. The optimizers here evaluate it once; the form lets code written for
   * optimizers that re-evaluate the loss (L-BFGS, line searches, SAM-style wrappers) run on any
   * of them.
   *
   * @throws IllegalArgumentException when {@code closure} is null
   */
  public Tensor step(java.util.function.Supplier<Tensor> closure) {
    if (closure == null) throw new IllegalArgumentException(name + ": step(closure): the closure is null; call step() instead");
    Tensor loss;
    try (var on = Grad.enabled()) {
      loss = closure.get();
    }
    step();
    return loss;
  }

  /** Sets every parameter's gradient to null (torch's {@code zero_grad(set_to_none=True)}). */
  public void zeroGrad() { zeroGrad(true); }

  /**
   * Clears the gradients before the next backward. {@code setToNone}: drop them (the next backward
   * allocates fresh ones, and {@link #step()} skips parameters that get none). Otherwise zero them
   * in place, torch 1.13's default: backward then accumulates into the same memory, so a steady
   * training loop allocates no gradient tensors, and every parameter is stepped (a zero gradient
   * still decays weights and moves momentum). A gradient that itself requires grad (built with
   * createGraph) is dropped either way, as torch detaches it.
   */
  public void zeroGrad(boolean setToNone) {
    for (ParamGroup g : groups) {
      for (Tensor p : g.params()) {
        Tensor grad = p.grad();
        if (grad == null) continue;
        if (setToNone || grad.requiresGrad() || grad.isClosed()) {
          p.setGrad(null);
        } else {
          try (var off = Grad.disabled()) {
            grad.zero();
          }
        }
      }
    }
  }

  public List<ParamGroup> paramGroups() { return groups; }

  public double getLr(int group) { return groups.get(group).lr(); }

  public void setLr(int group, double lr) { groups.get(group).setLr(lr); }

  public String name() { return name; }

  /** The option defaults of this optimizer. */
  public Map<String, Object> defaults() { return defaults; }

  /** Snapshot of the state (copies of the buffers), step counts and hyperparameters. */
  public OptimizerState stateDict() {
    List<Map<String, Tensor>> st = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    List<Map<String, Object>> gs = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    TensorScope.untracked(() -> {
      try (var off = Grad.disabled()) {
        for (ParamGroup g : groups) {
          gs.add(new LinkedHashMap<>(g.options()));
          sizes.add(g.params().size());
          for (Tensor p : g.params()) {
            ParamState s = state.get(p);
            Map<String, Tensor> m = new LinkedHashMap<>();
            if (s != null) for (var e : s.buffers.entrySet()) m.put(e.getKey(), copyOf(e.getValue()));
            st.add(m);
            steps.add(s == null ? 0L : s.step);
          }
        }
      }
      return null;
    });
    return new OptimizerState(name, st, steps, gs, sizes);
  }

  /**
   * Loads a snapshot from {@link #stateDict()}: group hyperparameters, step counts and copies of
   * the state tensors. Throws IllegalArgumentException (and changes nothing) when the optimizer
   * type, group count, parameters per group, or a state tensor's shape do not match.
   */
  public void loadStateDict(OptimizerState sd) {
    sd = withCurrentKeys(sd);
    if (!sd.optimizer().equals(name)) throw new IllegalArgumentException(name + ": loadStateDict: state is from " + sd.optimizer());
    if (sd.groups().size() != groups.size()) {
      throw new IllegalArgumentException(name + ": loadStateDict: state has " + sd.groups().size() + " parameter groups, optimizer has " + groups.size());
    }
    int total = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      int n = groups.get(gi).params().size();
      if (sd.groupSizes().get(gi) != n) {
        throw new IllegalArgumentException(name + ": loadStateDict: group " + gi + " has " + sd.groupSizes().get(gi)
            + " parameters in the state, " + n + " in the optimizer");
      }
      total += n;
    }
    if (sd.state().size() != total || sd.steps().size() != total) {
      throw new IllegalArgumentException(name + ": loadStateDict: state has " + sd.state().size() + " parameters, optimizer has " + total);
    }
    int idx = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      for (var e : sd.groups().get(gi).entrySet()) {
        if (!defaults.containsKey(e.getKey())) throw new IllegalArgumentException(name + ": loadStateDict: unknown option '" + e.getKey() + "' in group " + gi);
      }
      for (Tensor p : groups.get(gi).params()) {
        for (var e : sd.state().get(idx).entrySet()) {
          if (!Arrays.equals(e.getValue().shape(), p.shape())) {
            throw new IllegalArgumentException(name + ": loadStateDict: state '" + e.getKey() + "' of parameter " + idx + " has shape "
                + Arrays.toString(e.getValue().shape()) + ", parameter has shape " + Arrays.toString(p.shape()));
          }
        }
        idx++;
      }
    }
    idx = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      ParamGroup g = groups.get(gi);
      for (var e : sd.groups().get(gi).entrySet()) g.putRaw(e.getKey(), e.getValue());
      for (Tensor p : g.params()) {
        ParamState old = state.remove(p);
        if (old != null) old.buffers.values().forEach(Tensor::close);
        Map<String, Tensor> src = sd.state().get(idx);
        if (!src.isEmpty() || sd.steps().get(idx) != 0) {
          ParamState s = new ParamState();
          s.step = sd.steps().get(idx);
          for (var e : src.entrySet()) {
            s.getOrCreate(e.getKey(), () -> {
              try (var off = Grad.disabled()) {
                return Tensor.empty(p.dtype(), p.device(), p.shape()).copyFrom(io.jgrad.nn.Module.onDeviceOf(e.getValue(), p));
              }
            });
          }
          state.put(p, s);
        }
        idx++;
      }
    }
  }

  /** The snapshot with state names of earlier versions renamed to torch's (see {@link #LEGACY_KEYS}). */
  private static OptimizerState withCurrentKeys(OptimizerState sd) {
    boolean legacy = sd.state().stream().anyMatch(m -> m.keySet().stream().anyMatch(LEGACY_KEYS::containsKey));
    if (!legacy) return sd;
    List<Map<String, Tensor>> renamed = new ArrayList<>();
    for (Map<String, Tensor> m : sd.state()) {
      Map<String, Tensor> r = new LinkedHashMap<>();
      m.forEach((k, v) -> r.put(LEGACY_KEYS.getOrDefault(k, k), v));
      renamed.add(r);
    }
    return new OptimizerState(sd.optimizer(), renamed, sd.steps(), sd.groups(), sd.groupSizes());
  }
}

package io.jgrad.nn;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base of every layer, as torch.nn.Module: named parameters (tensors that require grad), buffers
 * (state without grad, e.g. running statistics), registered submodules and a training flag.
 *
 * <p>Names are dotted paths as in PyTorch ("0.weight", "layers.1.bias"). {@link #stateDict()}
 * lists, for each module in depth-first order, its parameters then its buffers, then its
 * children's entries: the same keys and order as torch's {@code state_dict()}.
 * {@link #call} runs a module with its forward hooks; layers override {@link #forward(Tensor)}
 * (or {@link #forward(Tensor...)} for several inputs).
 * Parameters and buffers are allocated outside any {@link TensorScope} so a training step's scope
 * never closes them.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Module.html">torch.nn.Module</a>
 */
public abstract class Module {
  private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
  private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
  private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;
  private Device device = Device.CPU;
  private volatile ModuleHooks hooks;

  private static final ThreadLocal<DType> DEFAULT_DTYPE = ThreadLocal.withInitial(() -> DType.FLOAT32);

  /**
   * The dtype new parameters and floating buffers get on this thread: float32 unless inside
   * {@link #withDType} (as torch.set_default_dtype, but scoped).
   */
  public static DType defaultDType() { return DEFAULT_DTYPE.get(); }

  /** Builds a model whose parameters and buffers are {@code dtype} (e.g. float64 for gradient checks). */
  public static <M extends Module> M withDType(DType dtype, Supplier<M> build) {
    if (!dtype.isFloatingPoint()) throw new IllegalArgumentException("withDType: parameters must be floating point, got " + dtype);
    DType was = DEFAULT_DTYPE.get();
    DEFAULT_DTYPE.set(dtype);
    try {
      return build.get();
    } finally {
      DEFAULT_DTYPE.set(was);
    }
  }

  /**
   * Runs the module on its inputs through its forward hooks, as calling a torch module: the
   * pre-hooks (which may replace the inputs), the forward ({@link #forward(Tensor)} for one input,
   * {@link #forward(Tensor...)} for several), then the hooks (which may replace the output).
   * Containers and composite layers call their children this way, so hooks and
   * {@link FeatureTaps} see every layer whoever runs the model. Several inputs to a single-input
   * module (or the reverse) fail with a message naming the module and the counts.
   */
  public final Tensor call(Tensor... inputs) {
    if (inputs == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": call: inputs array is null");
    ModuleHooks h = hooks;
    if (h == null || h.isEmpty()) return Forwards.run(this, inputs);
    Tensor[] in = h.before(this, inputs.clone());
    return h.after(this, in, Forwards.run(this, in));
  }

  /**
   * The layer's computation for one input. Shape: depends on the layer. A layer overrides this,
   * or {@link #forward(Tensor...)} when it takes several inputs (then this one passes its input
   * there). Calling forward directly skips this module's own hooks; {@link #call} runs them.
   */
  public Tensor forward(Tensor x) {
    if (Forwards.of(this).multi()) return forward(new Tensor[] {x});
    throw Forwards.wrongCount(this, 1);
  }

  /**
   * The layer's computation for several inputs (a conditional generator G(z, c), attention's
   * query/key/value). Multi-input layers override this (check the count with
   * {@link #expectInputs}); by default exactly one input is passed to {@link #forward(Tensor)}.
   */
  public Tensor forward(Tensor... inputs) {
    if (inputs == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": forward: inputs array is null");
    if (inputs.length == 1 && Forwards.of(this).single()) return forward(inputs[0]);
    throw Forwards.wrongCount(this, inputs.length);
  }

  /**
   * For {@code forward(Tensor...)} overrides: returns {@code inputs} when their count is within
   * [min, max], else throws naming this module, the expected inputs ({@code names}, e.g.
   * "x1, x2") and the count received.
   */
  protected final Tensor[] expectInputs(Tensor[] inputs, int min, int max, String names) {
    int n = inputs == null ? 0 : inputs.length;
    if (n < min || n > max) {
      String count = min == max ? Integer.toString(min) : min + " to " + max;
      throw new IllegalArgumentException(getClass().getSimpleName() + ": expects " + count + " input"
          + (max == 1 ? "" : "s") + " (" + names + "), got " + n);
    }
    return inputs;
  }

  /**
   * Adds a hook run after every {@link #call} of this module, seeing (module, inputs, output) and
   * optionally replacing the output, as torch's {@code register_forward_hook}. Hooks run in
   * registration order; the handle removes this one.
   */
  public HookHandle registerForwardHook(ForwardHook hook) { return hooks().addPost(hook); }

  /** Adds a hook run before every {@link #call}, optionally replacing the inputs ({@code register_forward_pre_hook}). */
  public HookHandle registerForwardPreHook(ForwardPreHook hook) { return hooks().addPre(hook); }

  private synchronized ModuleHooks hooks() {
    if (hooks == null) hooks = new ModuleHooks();
    return hooks;
  }

  /** Allocates {@code body}'s tensors outside every open TensorScope (for parameters and buffers). */
  protected static Tensor untracked(Supplier<Tensor> body) { return TensorScope.untracked(body); }

  /** Registers (or replaces) parameter {@code name}; it is made a leaf that requires grad. */
  protected Tensor registerParameter(String name, Tensor t) {
    checkName(name);
    t.requiresGrad(true);
    params.put(name, t);
    return t;
  }

  /** Registers (or replaces) buffer {@code name}: saved in the state dict, never differentiated. */
  protected Tensor registerBuffer(String name, Tensor t) {
    checkName(name);
    buffers.put(name, t);
    return t;
  }

  /** Registers submodule {@code name}; its entries are prefixed with {@code name + "."}. */
  protected <M extends Module> M registerModule(String name, M m) {
    checkName(name);
    if (m == null) throw new IllegalArgumentException("registerModule: module '" + name + "' is null");
    children.put(name, m);
    return m;
  }

  /**
   * The tensor this module computes with for its parameter {@code name}: {@code raw} itself, or
   * f(original) when a parametrization is registered on it (see {@link Parametrize}). Layers
   * call this in {@code forward} instead of reading their parameter field directly.
   */
  protected final Tensor parametrized(String name, Tensor raw) { return Parametrize.value(this, name, raw); }

  /** This module's own parameter {@code name}, or null (used by {@link Parametrize}). */
  Tensor ownParameter(String name) { return params.get(name); }

  /** Removes this module's own parameter {@code name}; returns it, or null (used by {@link Parametrize}). */
  Tensor removeParameter(String name) { return params.remove(name); }

  /** The direct submodule {@code name}, or null. */
  Module child(String name) { return children.get(name); }

  /** Removes the direct submodule {@code name}; returns it, or null. */
  Module removeModule(String name) { return children.remove(name); }

  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException("module: name '" + name + "' must be non-empty and contain no '.'");
    }
  }

  /** Every module of the tree with its dotted name, this one first (named ""), depth first, as torch's named_modules. */
  public LinkedHashMap<String, Module> namedModules() {
    LinkedHashMap<String, Module> out = new LinkedHashMap<>();
    walk(out, "");
    return out;
  }

  private void walk(Map<String, Module> out, String name) {
    out.put(name, this);
    children.forEach((k, c) -> c.walk(out, name.isEmpty() ? k : name + "." + k));
  }

  /** The direct submodules, in registration order. */
  public Map<String, Module> namedChildren() { return new LinkedHashMap<>(children); }

  /** Sets training mode on this module and every submodule; returns this. */
  public Module train(boolean on) {
    training = on;
    for (Module c : children.values()) c.train(on);
    return this;
  }

  public Module train() { return train(true); }

  public Module eval() { return train(false); }

  public boolean isTraining() { return training; }

  /** Every parameter with its dotted name: this module's first, then each child's in order. */
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", true, false);
    return out;
  }

  public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

  public LinkedHashMap<String, Tensor> namedBuffers() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", false, true);
    return out;
  }

  public List<Tensor> buffers() { return new ArrayList<>(namedBuffers().values()); }

  /** Parameters and buffers by torch's key names, in torch's order (see the class comment). */
  public LinkedHashMap<String, Tensor> stateDict() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    collect(out, "", true, true);
    return out;
  }

  private void collect(Map<String, Tensor> out, String prefix, boolean p, boolean b) {
    if (p) params.forEach((k, v) -> out.put(prefix + k, v));
    if (b) buffers.forEach((k, v) -> out.put(prefix + k, v));
    children.forEach((k, c) -> c.collect(out, prefix + k + ".", p, b));
  }

  /** The keys {@link #loadStateDict} found missing from and unexpected in the given map. */
  public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

  /**
   * Copies {@code state}'s values into this module's parameters and buffers, in place, without
   * recording gradients. Everything is validated first: on any error the module is unchanged.
   * Mis-shaped keys are always an error (as torch); missing and unexpected keys are an error only
   * when {@code strict}.
   *
   * @throws IllegalArgumentException listing missing, unexpected and mis-shaped keys with shapes
   */
  public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
    LinkedHashMap<String, Tensor> own = stateDict();
    List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), misShaped = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
        misShaped.add(e.getKey() + ": checkpoint " + Arrays.toString(src.shape()) + ", model "
            + Arrays.toString(e.getValue().shape()));
      }
    }
    for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
    if (!misShaped.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
      StringBuilder sb = new StringBuilder("loadStateDict: error(s) loading state dict for "
          + getClass().getSimpleName() + "; the model is unchanged.");
      if (strict && !missing.isEmpty()) sb.append("\n  missing keys: ").append(missing);
      if (strict && !unexpected.isEmpty()) sb.append("\n  unexpected keys: ").append(unexpected);
      if (!misShaped.isEmpty()) sb.append("\n  size mismatch: ").append(String.join("; ", misShaped));
      throw new IllegalArgumentException(sb.toString());
    }
    try (var off = Grad.disabled()) {
      for (Map.Entry<String, Tensor> e : own.entrySet()) {
        Tensor src = state.get(e.getKey());
        if (src != null) e.getValue().copyFrom(onDeviceOf(src, e.getValue()));
      }
    }
    return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
  }

  /** Strict {@link #loadStateDict(Map, boolean)}. */
  public LoadResult loadStateDict(Map<String, Tensor> state) { return loadStateDict(state, true); }

  /**
   * Moves every parameter and buffer of the tree to {@code device} in place and returns this, as
   * torch's {@code module.to(device)}. Each tensor keeps its identity ({@link Tensor#toInPlace}),
   * so layers' fields and optimizers built before or after keep working (optimizer state moves
   * at its next step); gradients move with their parameters. One upload (or download) per
   * tensor; a no-op for tensors already there.
   */
  public Module to(Device device) {
    if (device == null) throw new IllegalArgumentException("Module.to: device is null");
    io.jgrad.tensor.spi.Backends.of(device); // fail before moving anything when it is absent
    try (var off = Grad.disabled()) {
      for (Tensor t : stateDict().values()) t.toInPlace(device);
    }
    for (Module m : namedModules().values()) m.device = device;
    return this;
  }

  /**
   * The device of the first parameter (or buffer); for a module without either, the device last
   * given to {@link #to}, the CPU by default.
   */
  public Device device() {
    for (Tensor t : stateDict().values()) return t.device();
    return device;
  }

  /** {@code t}, or a copy of it on {@code like}'s device when it lives elsewhere (e.g. loaded from a file). */
  public static Tensor onDeviceOf(Tensor t, Tensor like) {
    return t.device().equals(like.device()) ? t : t.to(like.device());
  }

  /** Drops every parameter's gradient (torch's {@code zero_grad(set_to_none=True)}). */
  public void zeroGrad() {
    for (Tensor p : parameters()) p.setGrad(null);
  }

  /** Total number of parameter elements. */
  public long parameterCount() {
    long n = 0;
    for (Tensor p : parameters()) n += p.numel();
    return n;
  }

  /** Own (non-recursive) parameter element count. */
  long ownParameterCount() {
    long n = 0;
    for (Tensor p : params.values()) n += p.numel();
    return n;
  }

  /**
   * A table of the layers with output shapes and parameter counts, and the total, computed by one
   * forward pass on zeros of {@code inputShape} (batch dimension included) in eval mode, without
   * gradients. {@link Sequential} containers are expanded (one row per layer, dotted names); any
   * other module is one row with its parameters counted recursively. The training flag is restored.
   */
  public String summary(int... inputShape) { return Summary.of(this, inputShape); }

  /** One line: the class name and its children, as torch's repr. */
  @Override
  public String toString() {
    if (children.isEmpty()) return getClass().getSimpleName() + "(" + extraRepr() + ")";
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(");
    children.forEach((k, c) -> sb.append("\n  (").append(k).append("): ")
        .append(c.toString().replace("\n", "\n  ")));
    return sb.append("\n)").toString();
  }

  /** The layer's settings for {@link #toString()}. */
  protected String extraRepr() { return ""; }
}

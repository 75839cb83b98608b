package io.jgrad.nn;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parametrizations of module tensors, as {@code torch.nn.utils.parametrize}: after
 * {@code register(layer, "weight", f)} the layer computes with f(W) (its forward reads the
 * weight through {@link Module#parametrized}), W itself becomes
 * {@code layer.parametrizations.weight.original} (the same tensor object, so an optimizer built
 * before keeps updating it, and the state dict key is torch's), and {@link #remove} restores a
 * plain parameter. Registering a second function on the same tensor appends it to the chain.
 *
 * <p>The built-in layers that read their parameters through {@code parametrized}: Linear,
 * Conv1d, Conv2d, ConvTranspose2d, Bilinear and Embedding (weight and bias).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.parametrize.register_parametrization.html">register_parametrization</a>
 */
public final class Parametrize {
  static final String CONTAINER = "parametrizations";

  private Parametrize() {}

  /** The submodule holding a module's {@link ParametrizationList}s, one per parametrized tensor. */
  static final class Container extends Module {
    ParametrizationList get(String name) { return (ParametrizationList) child(name); }

    void put(String name, ParametrizationList l) { registerModule(name, l); }

    @Override
    public Tensor forward(Tensor x) {
      throw new UnsupportedOperationException("parametrizations is not a layer");
    }
  }

  /**
   * Registers {@code f} on {@code module}'s parameter {@code name} (or appends it to the chain
   * when the tensor is already parametrized) and returns {@code module}.
   *
   * @throws IllegalArgumentException when the module has no such parameter, or f's value has
   *     another shape or dtype than the tensor
   */
  public static <M extends Module> M register(M module, String name, Parametrization f) {
    if (module == null || f == null) throw new IllegalArgumentException("Parametrize.register: module and parametrization are required");
    ParametrizationList existing = list(module, name);
    if (existing != null) {
      Tensor before = existing.value();
      checkSame("Parametrize.register", module, name, before, f.forward(before));
      existing.add(f);
      return module;
    }
    Tensor raw = module.ownParameter(name);
    if (raw == null) {
      throw new IllegalArgumentException("Parametrize.register: " + module.getClass().getSimpleName() + " has no parameter '"
          + name + "' (parameters: " + new ArrayList<>(ownNames(module)) + ")");
    }
    List<Tensor> originals;
    try (var off = Grad.disabled()) {
      originals = new ArrayList<>(f.rightInverse(raw.detach()));
      if (originals.isEmpty()) throw new IllegalArgumentException("Parametrize.register: rightInverse returned no tensor");
      if (originals.size() == 1) {
        Tensor o = originals.get(0);
        checkSame("Parametrize.register (rightInverse)", module, name, raw, o);
        if (o.sharesMemoryWith(raw) && o.shape().length == raw.shape().length) {
          originals.set(0, raw);
        } else {
          raw.copyFrom(o);
          originals.set(0, raw);
        }
      } else {
        for (int i = 0; i < originals.size(); i++) {
          Tensor o = originals.get(i);
          originals.set(i, Module.untracked(() -> o.copy()));
        }
      }
      checkSame("Parametrize.register", module, name, raw, f.forward(originals));
    }
    module.removeParameter(name);
    Container c = (Container) module.child(CONTAINER);
    if (c == null) c = module.registerModule(CONTAINER, new Container());
    c.put(name, new ParametrizationList(raw, originals, f));
    return module;
  }

  /** True when {@code module}'s tensor {@code name} is parametrized. */
  public static boolean isParametrized(Module module, String name) { return list(module, name) != null; }

  /** True when any tensor of {@code module} (not its children) is parametrized. */
  public static boolean isParametrized(Module module) { return module.child(CONTAINER) instanceof Container; }

  /** The parametrizations of {@code module}'s tensor {@code name}, or null when it has none. */
  public static ParametrizationList list(Module module, String name) {
    return module.child(CONTAINER) instanceof Container c ? c.get(name) : null;
  }

  /** The single original of a parametrized tensor (what the optimizer updates). */
  public static Tensor original(Module module, String name) {
    ParametrizationList l = require(module, name, "original");
    List<Tensor> o = l.originals();
    if (o.size() != 1) throw new IllegalArgumentException("Parametrize.original: '" + name + "' has " + o.size() + " originals");
    return o.get(0);
  }

  /**
   * Removes the parametrizations of {@code module}'s tensor {@code name}: it is a plain parameter
   * again, holding the parametrized value when {@code leaveParametrized} (written into the layer's
   * original tensor, as torch's {@code set_}) or the original otherwise (one original only).
   */
  public static <M extends Module> M remove(M module, String name, boolean leaveParametrized) {
    ParametrizationList l = require(module, name, "remove");
    Tensor raw = l.raw;
    try (var off = Grad.disabled()) {
      if (leaveParametrized) {
        Tensor v = l.value();
        checkSame("Parametrize.remove", module, name, raw, v);
        if (!raw.device().equals(v.device())) raw.toInPlace(v.device());
        raw.copyFrom(v.detach());
      } else if (l.originals().size() != 1) {
        throw new IllegalArgumentException("Parametrize.remove: '" + name + "' has " + l.originals().size()
            + " originals; use leaveParametrized=true");
      }
    }
    Container c = (Container) module.child(CONTAINER);
    c.removeModule(name);
    if (c.namedChildren().isEmpty()) module.removeModule(CONTAINER);
    module.registerParameter(name, raw);
    return module;
  }

  /** What a layer computes with: {@code raw}, or the parametrized value. */
  static Tensor value(Module module, String name, Tensor raw) {
    ParametrizationList l = list(module, name);
    return l == null ? raw : l.value();
  }

  private static ParametrizationList require(Module module, String name, String what) {
    ParametrizationList l = module == null ? null : list(module, name);
    if (l == null) {
      throw new IllegalArgumentException("Parametrize." + what + ": " + (module == null ? "null module" : module.getClass().getSimpleName()
          + "'s tensor '" + name + "' is not parametrized"));
    }
    return l;
  }

  private static List<String> ownNames(Module m) {
    List<String> out = new ArrayList<>();
    for (String k : m.namedParameters().keySet()) if (!k.contains(".")) out.add(k);
    return out;
  }

  private static void checkSame(String where, Module m, String name, Tensor want, Tensor got) {
    if (!Arrays.equals(want.shape(), got.shape()) || want.dtype() != got.dtype()) {
      throw new IllegalArgumentException(where + ": " + m.getClass().getSimpleName() + "." + name + " is "
          + Arrays.toString(want.shape()) + " " + want.dtype() + " but the parametrization gives " + Arrays.toString(got.shape())
          + " " + got.dtype());
    }
  }
}

package io.jgrad.losses.reg;

import io.jgrad.nn.Bilinear;
import io.jgrad.nn.Conv1d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvTranspose2d;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ParametrizationList;
import io.jgrad.nn.Parametrize;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tensors of a model a weight regularizer acts on. The default, {@link #weights()}, is
 * the weight of every Linear, Conv1d, Conv2d and ConvTranspose2d layer (not biases, not the
 * parameters of normalization layers), as the catalog's reference codes do
 * ({@code isinstance(m, (nn.Conv2d, nn.Linear))}). Layers are visited in module order (torch's
 * {@code model.modules()}). A parametrized weight contributes its original, the tensor the
 * optimizer updates (a weight with several originals, such as bitwise weights, is skipped).
 *
 * <p>Textual form (the registry's {@code select} parameter): {@code weights}, {@code all},
 * {@code layers:Linear;Conv2d} (the weights of those layer types) or {@code names:<regex>}
 * (every parameter whose dotted state-dict name matches, e.g. {@code names:.*\.weight}).
 */
public final class ParamSelector {
  /** One selected tensor: its state-dict name, the module that owns it, the tensor itself. */
  public record Selected(String name, Module layer, Tensor tensor) {}

  private static final Map<String, Class<? extends Module>> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("Linear", Linear.class);
    LAYERS.put("Conv1d", Conv1d.class);
    LAYERS.put("Conv2d", Conv2d.class);
    LAYERS.put("ConvTranspose2d", ConvTranspose2d.class);
    LAYERS.put("Bilinear", Bilinear.class);
    LAYERS.put("Embedding", Embedding.class);
  }

  private final List<Class<? extends Module>> types;
  private final Pattern names;
  private final Pattern exclude;
  private final String text;

  private ParamSelector(List<Class<? extends Module>> types, Pattern names, Pattern exclude, String text) {
    this.types = types;
    this.names = names;
    this.exclude = exclude;
    this.text = text;
  }

  /** The weights of Linear, Conv1d, Conv2d and ConvTranspose2d layers (the default). */
  public static ParamSelector weights() {
    return new ParamSelector(List.of(Linear.class, Conv1d.class, Conv2d.class, ConvTranspose2d.class), null, null, "weights");
  }

  /** The weights of the layers of these types (subclasses included). */
  @SafeVarargs
  public static ParamSelector layers(Class<? extends Module>... types) {
    if (types.length == 0) throw new IllegalArgumentException("ParamSelector.layers: no layer type given");
    List<String> simple = new ArrayList<>();
    for (Class<? extends Module> t : types) simple.add(t.getSimpleName());
    return new ParamSelector(List.of(types), null, null, "layers:" + String.join(";", simple));
  }

  /** Every parameter whose dotted state-dict name matches {@code regex} (the whole name). */
  public static ParamSelector names(String regex) {
    return new ParamSelector(null, compile("names", regex), null, "names:" + regex);
  }

  /** Every parameter of the model. */
  public static ParamSelector all() { return new ParamSelector(null, Pattern.compile(".*"), null, "all"); }

  /** This selection without the tensors whose dotted name matches {@code regex}. */
  public ParamSelector excluding(String regex) {
    return new ParamSelector(types, names, compile("excluding", regex), text + " excluding " + regex);
  }

  /** Parses {@code weights}, {@code all}, {@code layers:A;B} or {@code names:<regex>}; errors name {@code component}. */
  public static ParamSelector parse(String component, String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.equals("weights")) return weights();
    if (s.equals("all")) return all();
    if (s.startsWith("names:")) return names(s.substring(6));
    if (s.startsWith("layers:")) {
      List<Class<? extends Module>> ts = new ArrayList<>();
      for (String n : s.substring(7).split("[;+]")) {
        Class<? extends Module> t = LAYERS.get(n.trim());
        if (t == null) {
          throw new IllegalArgumentException(component + ": select names unknown layer type '" + n.trim() + "' (known: "
              + String.join(", ", LAYERS.keySet()) + ")");
        }
        ts.add(t);
      }
      @SuppressWarnings("unchecked")
      Class<? extends Module>[] arr = ts.toArray(new Class[0]);
      return layers(arr);
    }
    throw new IllegalArgumentException(component + ": select must be weights, all, layers:<Type;Type> or names:<regex>, got '"
        + spec + "'");
  }

  /** The selected tensors of {@code model}, in module order. */
  public List<Selected> select(Module model) {
    List<Selected> out = new ArrayList<>();
    if (types != null) {
      for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
        Module m = e.getValue();
        if (!isOneOf(m)) continue;
        String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
        Tensor w = m.namedParameters().get("weight");
        String name = prefix + "weight";
        ParametrizationList pl = Parametrize.list(m, "weight");
        if (pl != null) {
          if (pl.originals().size() != 1) continue;
          w = pl.originals().get(0);
          name = prefix + "parametrizations.weight.original";
        }
        if (w != null && (exclude == null || !exclude.matcher(name).matches())) out.add(new Selected(name, m, w));
      }
      return out;
    }
    Map<String, Module> owners = model.namedModules();
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      String name = e.getKey();
      if (!names.matcher(name).matches() || (exclude != null && exclude.matcher(name).matches())) continue;
      int dot = name.lastIndexOf('.');
      Module owner = owners.get(dot < 0 ? "" : name.substring(0, dot));
      out.add(new Selected(name, owner, e.getValue()));
    }
    return out;
  }

  /** The selection, failing with a message naming {@code component} when it is empty. */
  public List<Selected> selectNonEmpty(String component, Module model) {
    List<Selected> s = select(model);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(component + ": select=" + text + " matches no tensor of " + model.getClass().getSimpleName()
          + " (parameters: " + model.namedParameters().keySet() + ")");
    }
    return s;
  }

  private boolean isOneOf(Module m) {
    for (Class<? extends Module> t : types) if (t.isInstance(m)) return true;
    return false;
  }

  private static Pattern compile(String what, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("ParamSelector." + what + ": bad regular expression '" + regex + "'");
    }
  }

  @Override
  public String toString() { return text; }
}

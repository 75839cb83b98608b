package io.jgrad.nn.io;

import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.tensor.Tensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an {@link OptimizerState} to and from a {@link Checkpoint}'s optimizer tensors and
 * metadata: state tensor {@code key} of parameter {@code i} is named {@code "state.<i>.<key>"};
 * the optimizer name, step counts, group sizes and group options go, as JSON, into the metadata
 * entry {@link #METADATA_KEY}. Options are stored as {@code [type, text]} pairs (double, float,
 * int, long, bool, string) so they load back exactly and with their Java types.
 *
 * <p>The same entries are laid out as {@code torch.optim}'s {@code state_dict()}: the state
 * tensors carry torch's names ({@code exp_avg}, {@code momentum_buffer}, ...), each stepped
 * parameter also gets {@code "state.<i>.step"} (a 0-dim float32 tensor, as torch 1.13 keeps it;
 * not for SGD, whose torch state has none), and {@link #TORCH_METADATA_KEY} holds torch's
 * {@code param_groups} (options in snake_case, {@code beta1}/{@code beta2} as {@code betas},
 * {@code params} the parameter indices). {@code tools/checkpoint/jgrad_checkpoint.py} turns a
 * checkpoint into the dictionary {@code optimizer.load_state_dict} takes.
 */
public final class OptimizerStates {
  public static final String METADATA_KEY = "optim.json";
  /** Metadata entry with torch's {@code param_groups} ({@code {"optimizer": name, "param_groups": [...]}}). */
  public static final String TORCH_METADATA_KEY = "optim.torch.json";
  /** Optimizers whose torch twin keeps no {@code step} in its per-parameter state. */
  private static final java.util.Set<String> NO_TORCH_STEP = java.util.Set.of("SGD", "SGDW");

  private OptimizerStates() {}

  /**
   * The state tensors by checkpoint name (the snapshot's own tensors, not copies), and each
   * stepped parameter's {@code step} as torch keeps it (a new 0-dim float32 tensor).
   */
  public static Map<String, Tensor> tensors(OptimizerState s) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    boolean step = !NO_TORCH_STEP.contains(s.optimizer());
    for (int i = 0; i < s.state().size(); i++) {
      if (step && s.steps().get(i) > 0) out.put("state." + i + ".step", Tensor.scalar(s.steps().get(i), io.jgrad.tensor.DType.FLOAT32));
      for (Map.Entry<String, Tensor> e : s.state().get(i).entrySet()) out.put("state." + i + "." + e.getKey(), e.getValue());
    }
    return out;
  }

  /** The metadata entry ({@link #METADATA_KEY} to JSON) describing everything but the tensors. */
  public static Map<String, String> metadata(OptimizerState s) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("optimizer", s.optimizer());
    j.put("steps", new ArrayList<Object>(s.steps()));
    j.put("groupSizes", new ArrayList<Object>(s.groupSizes()));
    List<Object> groups = new ArrayList<>();
    for (Map<String, Object> g : s.groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      g.forEach((k, v) -> m.put(k, List.of(typeOf(k, v), String.valueOf(v))));
      groups.add(m);
    }
    j.put("groups", groups);
    return Map.of(METADATA_KEY, Json.write(j), TORCH_METADATA_KEY, Json.write(torchGroups(s)));
  }

  /**
   * torch's {@code param_groups} for the snapshot: each option under its snake_case name
   * ({@code weightDecay} is {@code weight_decay}), {@code beta1} and {@code beta2} as
   * {@code betas}, and {@code params}, the indices of the group's parameters.
   */
  static Map<String, Object> torchGroups(OptimizerState s) {
    List<Object> groups = new ArrayList<>();
    int first = 0;
    for (int gi = 0; gi < s.groups().size(); gi++) {
      Map<String, Object> g = new LinkedHashMap<>();
      Map<String, Object> opts = s.groups().get(gi);
      for (Map.Entry<String, Object> e : opts.entrySet()) {
        String k = e.getKey();
        if (k.equals("beta2") && opts.containsKey("beta1")) continue;
        if (k.equals("beta1") && opts.containsKey("beta2")) g.put("betas", List.of(json(e.getValue()), json(opts.get("beta2"))));
        else g.put(k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT), json(e.getValue()));
      }
      List<Object> params = new ArrayList<>();
      for (int i = 0; i < s.groupSizes().get(gi); i++) params.add(first + i);
      first += s.groupSizes().get(gi);
      g.put("params", params);
      groups.add(g);
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("optimizer", s.optimizer());
    j.put("param_groups", groups);
    return j;
  }

  private static Object json(Object v) {
    return switch (v) {
      case Double d -> BigDecimal.valueOf(d);
      case Float f -> new BigDecimal(Float.toString(f));
      default -> v;
    };
  }

  private static String typeOf(String key, Object v) {
    return switch (v) {
      case Double d -> "double";
      case Float f -> "float";
      case Integer i -> "int";
      case Long l -> "long";
      case Boolean b -> "bool";
      case String s -> "string";
      default -> throw new IllegalArgumentException("checkpoint: optimizer option '" + key + "' has unsupported type "
          + (v == null ? "null" : v.getClass().getSimpleName()));
    };
  }

  /** Rebuilds the snapshot from a loaded checkpoint; a missing or malformed description is an {@link IllegalArgumentException}. */
  public static OptimizerState fromCheckpoint(Checkpoint c) {
    String json = c.metadata().get(METADATA_KEY);
    if (json == null) throw bad("metadata " + METADATA_KEY + " is missing");
    Map<?, ?> j;
    try {
      j = Json.parse(json) instanceof Map<?, ?> m ? m : null;
    } catch (IllegalArgumentException e) {
      throw bad(METADATA_KEY + " is not valid JSON: " + e.getMessage());
    }
    if (j == null || !(j.get("optimizer") instanceof String name) || !(j.get("steps") instanceof List<?> stepsJ)
        || !(j.get("groupSizes") instanceof List<?> sizesJ) || !(j.get("groups") instanceof List<?> groupsJ)) {
      throw bad(METADATA_KEY + " must be an object with optimizer, steps, groupSizes and groups");
    }
    List<Long> steps = new ArrayList<>();
    for (Object o : stepsJ) steps.add(integer("steps", o));
    List<Integer> sizes = new ArrayList<>();
    for (Object o : sizesJ) sizes.add(Math.toIntExact(Math.min(integer("groupSizes", o), Integer.MAX_VALUE)));
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Object g : groupsJ) {
      if (!(g instanceof Map<?, ?> gm)) throw bad("each group must be an object");
      Map<String, Object> opts = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : gm.entrySet()) opts.put((String) e.getKey(), option((String) e.getKey(), e.getValue()));
      groups.add(opts);
    }
    List<Map<String, Tensor>> state = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) state.add(new LinkedHashMap<>());
    for (Map.Entry<String, Tensor> e : c.optimizer().entrySet()) {
      String k = e.getKey();
      int dot = k.indexOf('.', "state.".length());
      int idx = -1;
      if (k.startsWith("state.") && dot > 0) {
        try {
          idx = Integer.parseInt(k.substring("state.".length(), dot));
        } catch (NumberFormatException ex) {
          idx = -1;
        }
      }
      if (idx < 0 || idx >= state.size()) throw bad("optimizer tensor \"" + k + "\" is not state.<i>.<key> with i < " + state.size());
      // torch's per-parameter step: the step counts in METADATA_KEY are the ones used
      if (!k.substring(dot + 1).equals("step")) state.get(idx).put(k.substring(dot + 1), e.getValue());
    }
    return new OptimizerState(name, state, steps, groups, sizes);
  }

  private static long integer(String what, Object o) {
    try {
      if (o instanceof BigDecimal d && d.signum() >= 0) return d.longValueExact();
    } catch (ArithmeticException e) {
      // falls through to the error below
    }
    throw bad(what + " must hold non-negative integers, got " + o);
  }

  private static Object option(String key, Object v) {
    if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof String type) || !(l.get(1) instanceof String text)) {
      throw bad("option '" + key + "' must be [type, text], got " + v);
    }
    try {
      return switch (type) {
        case "double" -> Double.parseDouble(text);
        case "float" -> Float.parseFloat(text);
        case "int" -> Integer.parseInt(text);
        case "long" -> Long.parseLong(text);
        case "bool" -> switch (text) {
          case "true" -> true;
          case "false" -> false;
          default -> throw bad("option '" + key + "': \"" + text + "\" is not a bool");
        };
        case "string" -> text;
        default -> throw bad("option '" + key + "' has unknown type \"" + type + "\"");
      };
    } catch (NumberFormatException e) {
      throw bad("option '" + key + "': \"" + text + "\" is not a " + type);
    }
  }

  private static IllegalArgumentException bad(String what) { return new IllegalArgumentException("checkpoint: optimizer state: " + what); }
}

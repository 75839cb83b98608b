package io.jgrad.nn.train;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Device;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objective and regularizers of a Trainer that are Modules, under their checkpoint names. */
final class Stateful {
  /** The name of a stateful objective ({@code "objective"}). */
  static final String OBJECTIVE = "objective";

  /** The name of stateful regularizer {@code i} (its position in {@code regularizers(...)}): {@code "regularizer.i"}. */
  static String regularizer(int i) { return "regularizer." + i; }

  private Stateful() {}

  static Map<String, Module> modules(Objective objective, List<Regularizer> regularizers) {
    Map<String, Module> out = new LinkedHashMap<>();
    if (objective instanceof Module m) out.put(OBJECTIVE, m);
    for (int i = 0; i < regularizers.size(); i++) {
      if (regularizers.get(i) instanceof Module m) out.put(regularizer(i), m);
    }
    return out;
  }

  static void moveTo(Map<String, Module> modules, Device device) {
    for (Module m : modules.values()) if (!m.device().equals(device)) m.to(device);
  }
}

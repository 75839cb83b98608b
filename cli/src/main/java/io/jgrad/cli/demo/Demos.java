package io.jgrad.cli.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered demonstrations ({@link DemoProvider}s through ServiceLoader), by id. */
public final class Demos {
  private static volatile Map<String, Demo> byId;

  private Demos() {}

  /** Every demo, sorted by id. */
  public static List<Demo> all() { return List.copyOf(registry().values()); }

  /** The demo {@code id}; an unknown id names the valid ones. */
  public static Demo get(String id) {
    Demo d = registry().get(id);
    if (d == null) {
      List<String> ids = new ArrayList<>(registry().keySet());
      throw new IllegalArgumentException("no demonstration '" + id + "'; demos: " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
    }
    return d;
  }

  /** The demos that cover catalog component {@code componentId}. */
  public static List<Demo> covering(String componentId) {
    List<Demo> out = new ArrayList<>();
    for (Demo d : registry().values()) if (d.components().contains(componentId)) out.add(d);
    return out;
  }

  private static Map<String, Demo> registry() {
    Map<String, Demo> m = byId;
    if (m == null) {
      synchronized (Demos.class) {
        if (byId == null) byId = load();
        m = byId;
      }
    }
    return m;
  }

  private static Map<String, Demo> load() {
    List<Demo> list = new ArrayList<>();
    for (DemoProvider p : ServiceLoader.load(DemoProvider.class, Demos.class.getClassLoader())) list.addAll(p.demos());
    list.sort(Comparator.comparing(Demo::id));
    Map<String, Demo> out = new LinkedHashMap<>();
    for (Demo d : list) {
      check(d);
      if (out.put(d.id(), d) != null) throw new IllegalStateException("demo '" + d.id() + "' registered twice");
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static void check(Demo d) {
    String id = d.id();
    if (id == null || !id.matches("[a-z][a-z0-9_]*")) throw new IllegalStateException("demo id '" + id + "' is not lower_snake_case");
    if (d.components() == null || d.components().isEmpty()) throw new IllegalStateException("demo " + id + ": covers no component");
    if (d.family() == null || !d.family().matches("[a-z][a-z0-9_-]*")) {
      throw new IllegalStateException("demo " + id + ": family '" + d.family() + "' must be a lower-case file name");
    }
    if (d.claim() == null) throw new IllegalStateException("demo " + id + ": no claim");
  }
}

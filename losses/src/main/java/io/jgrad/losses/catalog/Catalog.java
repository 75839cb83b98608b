package io.jgrad.losses.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of implemented catalog components, by catalog id. Components are created by id
 * with named parameters (the catalog's names), the same way from the CLI, tests and user code:
 * <pre>{@code
 * Objective focal = Catalog.create("focal_loss", Objective.class, Map.of("gamma", 2.0));
 * Regularizer nuc = Catalog.create("nuclear_norm_regularizer:lambda=1e-3", Regularizer.class);
 * }</pre>
 * An unknown id or parameter is an IllegalArgumentException that names the valid ones.
 */
public final class Catalog {
  private Catalog() {}

  private static volatile Map<String, Component> byId;

  /** Every registered entry (catalog components and extras), sorted by id. */
  public static List<Component> all() { return List.copyOf(registry().values()); }

  /** The registered catalog components (extras excluded), sorted by id. */
  public static List<Component> components() {
    List<Component> out = new ArrayList<>();
    for (Component c : registry().values()) if (!c.extra()) out.add(c);
    return out;
  }

  /** The component {@code id}. */
  public static Component get(String id) {
    Component c = registry().get(id);
    if (c == null) throw new IllegalArgumentException(unknown(id, null));
    return c;
  }

  /** True when {@code id} is implemented. */
  public static boolean contains(String id) { return registry().containsKey(id); }

  /** The entries of one kind (extras included), sorted by id. */
  public static List<Component> ofKind(Kind kind) {
    List<Component> out = new ArrayList<>();
    for (Component c : registry().values()) if (c.kind() == kind) out.add(c);
    return out;
  }

  /** Builds {@code id} with {@code params} and checks that it is a {@code type}. */
  public static <T> T create(String id, Class<T> type, Map<String, ?> params) {
    Component c = get(id);
    return cast(c, type, c.create(c.params(params)));
  }

  /** Builds a component from {@code "id"} or {@code "id:k=v,k=v"} and checks that it is a {@code type}. */
  public static <T> T create(String spec, Class<T> type) { return create(resolve(spec, null), type); }

  /**
   * Builds a component of {@code kind} from {@code "id[:k=v,...]"}: an unknown id lists the valid
   * ids of that kind (nearest first as a did-you-mean), an id of another kind says which kind it is.
   */
  public static <T> T create(String spec, Kind kind, Class<T> type) { return create(resolve(spec, kind), type); }

  /** Builds the component that {@code params} belong to. */
  public static <T> T create(Params params, Class<T> type) {
    Component c = get(params.id());
    return cast(c, type, c.create(params));
  }

  /**
   * Parses and validates {@code "id"} or {@code "id:k=v,k=v"} without building anything: the
   * component's parameters with the defaults filled in ({@link Params#spec()} writes them back).
   * When {@code kind} is not null the component must be of that kind.
   */
  public static Params resolve(String spec, Kind kind) {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("catalog: empty component spec");
    int colon = spec.indexOf(':');
    String id = (colon < 0 ? spec : spec.substring(0, colon)).trim();
    Component c = registry().get(id);
    if (c == null) throw new IllegalArgumentException(unknown(id, kind));
    if (kind != null && c.kind() != kind) {
      throw new IllegalArgumentException("'" + id + "' is a " + c.kind().label() + ", not a " + kind.label());
    }
    return c.parse(colon < 0 ? "" : spec.substring(colon + 1));
  }

  private static <T> T cast(Component c, Class<T> type, Object o) {
    if (!type.isInstance(o)) {
      throw new IllegalArgumentException(c.id() + " is a " + c.kind().label() + " (" + o.getClass().getSimpleName()
          + "), not a " + type.getSimpleName());
    }
    return type.cast(o);
  }

  /**
   * The message for an unknown id: a did-you-mean (the nearest id by edit distance, or one that
   * contains {@code id}) and the valid ids of {@code kind} (all when null), sorted.
   */
  public static String unknown(String id, Kind kind) {
    List<String> ids = new ArrayList<>();
    for (Component c : registry().values()) if (kind == null || c.kind() == kind) ids.add(c.id());
    ids.sort(Comparator.comparingInt((String s) -> distance(s, id)).thenComparing(s -> s));
    String guess = null;
    if (!ids.isEmpty() && distance(ids.get(0), id) <= Math.max(2, id.length() / 3)) guess = ids.get(0);
    for (int i = 0; guess == null && i < ids.size() && id.length() >= 3; i++) if (ids.get(i).contains(id)) guess = ids.get(i);
    String near = guess == null ? "" : " (did you mean '" + guess + "'?)";
    Collections.sort(ids);
    String what = kind == null ? "component" : kind.label();
    String valid = "; valid: " + (ids.isEmpty() ? "none" : String.join(", ", ids));
    java.util.Optional<IndexRow> row = CatalogIndex.row(id);
    if (row.isPresent()) {
      return row.get().kind().label() + " '" + id + "' is in the catalog but not implemented yet (" + (row.get().blocked() ? "blocked" : "planned")
          + "; see bin/jgrad catalog show " + id + ")" + valid;
    }
    return "unknown " + what + " '" + id + "'" + near + valid;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev; prev = cur; cur = t;
    }
    return prev[b.length()];
  }

  private static Map<String, Component> registry() {
    Map<String, Component> m = byId;
    if (m == null) {
      synchronized (Catalog.class) {
        if (byId == null) byId = load();
        m = byId;
      }
    }
    return m;
  }

  private static Map<String, Component> load() {
    List<Component> list = new ArrayList<>();
    for (CatalogEntries e : ServiceLoader.load(CatalogEntries.class, Catalog.class.getClassLoader())) {
      List<Component> some;
      try {
        some = e.entries();
      } catch (RuntimeException ex) {
        throw new IllegalStateException("catalog: " + e.getClass().getName() + ".entries() failed: " + ex.getMessage(), ex);
      }
      if (some == null) throw new IllegalStateException("catalog: " + e.getClass().getName() + ".entries() returned null");
      list.addAll(some);
    }
    list.sort(Comparator.comparing(Component::id));
    Map<String, Component> out = new LinkedHashMap<>();
    for (Component c : list) {
      Component old = out.put(c.id(), c);
      if (old != null) {
        throw new IllegalStateException("catalog: component '" + c.id() + "' registered twice (" + old.where() + " and " + c.where() + ")");
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

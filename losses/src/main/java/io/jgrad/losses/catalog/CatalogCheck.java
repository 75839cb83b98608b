package io.jgrad.losses.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog's coverage rules, as a list of problems (empty when all hold). The coverage test
 * feeds it the committed index, the registry and the component ids it finds in the golden files,
 * the gradcheck sources and the device-test sources:
 * <ul>
 *   <li>every paper has a component in the index or a recorded reason (and not both);</li>
 *   <li>every index id and bundled id is a spec id, listed once; every spec id is in the index;</li>
 *   <li>every registered catalog component is in the index, with the index's paper and kind, and
 *       is not recorded as blocked; extras (paper 0) do not reuse a catalog id;</li>
 *   <li>every registered catalog component has a golden case, a gradcheck (unless it declares
 *       {@link Component#noGradCheck why not}) and a device test;</li>
 *   <li>ids named by tests are index ids, and a component with tests is registered.</li>
 * </ul>
 */
public final class CatalogCheck {
  private CatalogCheck() {}

  /** The problems of the committed index against {@code registered} and the ids the tests name. */
  public static List<String> problems(List<Component> registered, Set<String> golden, Set<String> gradcheck, Set<String> device) {
    return problems(CatalogIndex.get(), registered, golden, gradcheck, device);
  }

  static List<String> problems(CatalogIndex index, List<Component> registered, Set<String> golden, Set<String> gradcheck,
                               Set<String> device) {
    List<String> out = new ArrayList<>();
    List<IndexRow> rows = index.rowList();
    Map<Integer, Paper> papers = index.paperMap();
    Map<String, Integer> spec = index.specMap();
    papers(rows, papers, out);
    Map<String, IndexRow> known = ids(rows, spec, out);
    registry(registered, known, out);
    tests(registered, known, golden, gradcheck, device, out);
    return out;
  }

  private static void papers(List<IndexRow> rows, Map<Integer, Paper> papers, List<String> out) {
    Map<Integer, List<String>> of = new HashMap<>();
    for (IndexRow r : rows) {
      List<Integer> ps = new ArrayList<>(r.alsoPapers());
      ps.add(0, r.paper());
      for (int p : ps) {
        if (!papers.containsKey(p)) out.add("index row " + r.id() + ": paper " + p + " is not in papers.tsv (1.." + papers.size() + ")");
        of.computeIfAbsent(p, k -> new ArrayList<>()).add(r.id());
      }
    }
    for (Paper p : papers.values()) {
      boolean has = of.containsKey(p.number());
      if (!has && p.status() == null) {
        out.add("paper " + p + ": no component in the index and no recorded reason (papers.tsv status NONE or BLOCKED)");
      }
      if (has && p.status() != null) {
        out.add("paper " + p.number() + ": has components " + of.get(p.number()) + " but papers.tsv records " + p.status() + " ("
            + p.reason() + ")");
      }
    }
  }

  /** Checks ids against the spec list; returns every index id and bundled id with its row. */
  private static Map<String, IndexRow> ids(List<IndexRow> rows, Map<String, Integer> spec, List<String> out) {
    Map<String, IndexRow> known = new HashMap<>();
    for (IndexRow r : rows) {
      List<String> all = new ArrayList<>(r.bundles());
      all.add(0, r.id());
      for (String id : all) {
        IndexRow prev = known.put(id, r);
        if (prev != null) out.add("index id " + id + " is listed twice (rows " + prev.id() + " and " + r.id() + ")");
        Integer sp = spec.get(id);
        if (sp == null) out.add("index id " + id + " (row " + r.id() + ") is not a spec id (spec-ids.tsv)");
        else if (!r.hasPaper(sp)) out.add("index id " + id + ": the specs give paper " + sp + ", its row gives " + r.paper() + " " + r.alsoPapers());
      }
    }
    for (String id : new TreeSet<>(spec.keySet())) if (!known.containsKey(id)) out.add("spec id " + id + " has no index row");
    return known;
  }

  private static void registry(List<Component> registered, Map<String, IndexRow> known, List<String> out) {
    for (Component c : registered) {
      IndexRow r = known.get(c.id());
      if (c.extra()) {
        if (r != null) out.add("extra entry " + c.id() + " reuses the id of a catalog component (row " + r.id() + ")");
        continue;
      }
      if (r == null) {
        out.add("registered component " + c.id() + " (" + c.where() + ") is not in the catalog index");
        continue;
      }
      if (!r.hasPaper(c.paper())) out.add("registered component " + c.id() + ": paper " + c.paper() + ", the index gives " + r.paper());
      if (r.id().equals(c.id()) && r.kind() != c.kind()) {
        out.add("registered component " + c.id() + " is a " + c.kind().label() + ", the index says " + r.kind().label()
            + " (correct one of them)");
      }
      if (r.id().equals(c.id()) && r.blocked()) {
        out.add("registered component " + c.id() + " is recorded as blocked in the index (" + r.blockedReason() + "): remove the reason");
      }
    }
  }

  private static void tests(List<Component> registered, Map<String, IndexRow> known, Set<String> golden, Set<String> gradcheck,
                            Set<String> device, List<String> out) {
    Set<String> reg = new HashSet<>();
    for (Component c : registered) {
      if (c.extra()) continue;
      reg.add(c.id());
      if (!golden.contains(c.id())) out.add(c.id() + ": no golden case (a \"component\": \"" + c.id() + "\" case in golden/catalog/*.json)");
      if (c.needsGradCheck() && !gradcheck.contains(c.id())) {
        out.add(c.id() + ": no gradcheck (its id as a string literal in a *GradCheckTest, or Component.noGradCheck(reason))");
      }
      if (!device.contains(c.id())) out.add(c.id() + ": no device test (its id as a string literal in a *DeviceTest)");
    }
    Map<String, Set<String>> named = Map.of("golden files", golden, "gradcheck tests", gradcheck, "device tests", device);
    for (var e : new java.util.TreeMap<>(named).entrySet()) {
      for (String id : new TreeSet<>(e.getValue())) {
        if (!known.containsKey(id)) out.add("the " + e.getKey() + " name component '" + id + "', which is not in the catalog index");
        else if (!reg.contains(id)) out.add(id + " has " + e.getKey() + " but no registry entry");
      }
    }
  }
}

package io.jgrad.losses.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The research catalog's index: every component by its spec id ({@link IndexRow}, from the
 * committed {@code index.tsv}), every paper ({@link Paper}, {@code papers.tsv}) and the spec ids
 * ({@code spec-ids.tsv}), merged with the registry ({@link Catalog}) into {@link CatalogEntry}s
 * that carry the status, where the code lives and the parameters.
 * <pre>{@code
 * for (CatalogEntry e : CatalogIndex.entries()) System.out.println(e.id() + " " + e.status());
 * CatalogIndex.paper(58).title();   // "MaxSup: Overcoming Representation Collapse in Label Smoothing"
 * }</pre>
 * The files are parsed by {@link IndexFiles}; {@link CatalogCheck} checks them against the
 * registry and the tests.
 */
public final class CatalogIndex {
  static final String INDEX = "index.tsv", PAPERS = "papers.tsv", SPEC_IDS = "spec-ids.tsv";

  private static volatile CatalogIndex instance;

  private final List<IndexRow> rows;
  private final Map<Integer, Paper> papers;
  private final Map<String, Integer> specIds;
  private final Map<String, IndexRow> byId = new LinkedHashMap<>();
  private final Map<String, IndexRow> byBundle = new LinkedHashMap<>();

  CatalogIndex(List<IndexRow> rows, List<Paper> papers, Map<String, Integer> specIds) {
    this.rows = List.copyOf(rows);
    Map<Integer, Paper> p = new LinkedHashMap<>();
    for (Paper x : papers) p.put(x.number(), x);
    this.papers = Collections.unmodifiableMap(p);
    this.specIds = Collections.unmodifiableMap(new LinkedHashMap<>(specIds));
    for (IndexRow r : rows) {
      byId.putIfAbsent(r.id(), r);
      for (String b : r.bundles()) byBundle.putIfAbsent(b, r);
    }
  }

  /** The index of the committed resources. */
  static CatalogIndex get() {
    CatalogIndex i = instance;
    if (i == null) {
      synchronized (CatalogIndex.class) {
        if (instance == null) {
          instance = new CatalogIndex(IndexFiles.rows(resource(INDEX), INDEX), IndexFiles.papers(resource(PAPERS), PAPERS),
              IndexFiles.specIds(resource(SPEC_IDS), SPEC_IDS));
        }
        i = instance;
      }
    }
    return i;
  }

  static String resource(String name) {
    try (InputStream in = CatalogIndex.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("catalog index resource " + name + " is missing from the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog index resource " + name, e);
    }
  }

  List<IndexRow> rowList() { return rows; }

  Map<Integer, Paper> paperMap() { return papers; }

  Map<String, Integer> specMap() { return specIds; }

  /** Every index row, in the plan's order. */
  public static List<IndexRow> rows() { return get().rows; }

  /** Every paper, by number. */
  public static List<Paper> papers() { return List.copyOf(get().papers.values()); }

  /** The paper {@code number}; an unknown number is an IllegalArgumentException naming the range. */
  public static Paper paper(int number) {
    Paper p = get().papers.get(number);
    if (p == null) throw new IllegalArgumentException("no paper " + number + " in the catalog (papers 1.." + get().papers.size() + ")");
    return p;
  }

  /** The spec ids and their paper column in the specs ("26/30" style entries keep the first number). */
  public static Map<String, Integer> specIds() { return get().specIds; }

  /** The row of {@code id}, or of the row that bundles it. */
  public static Optional<IndexRow> row(String id) { return get().rowOf(id); }

  Optional<IndexRow> rowOf(String id) {
    IndexRow r = byId.get(id);
    return Optional.ofNullable(r != null ? r : byBundle.get(id));
  }

  /** The rows whose paper (or one of their other papers) is {@code number}. */
  public static List<IndexRow> rowsOfPaper(int number) {
    List<IndexRow> out = new ArrayList<>();
    for (IndexRow r : get().rows) if (r.hasPaper(number)) out.add(r);
    return out;
  }

  /** The papers without a component, with their recorded reason. */
  public static List<Paper> papersWithoutComponents() {
    List<Paper> out = new ArrayList<>();
    for (Paper p : get().papers.values()) if (rowsOfPaper(p.number()).isEmpty()) out.add(p);
    return out;
  }

  /**
   * The merged view, in index order: one entry per row (implemented or not), plus one after its
   * row for each bundled id registered on its own. Extras (classic losses) are not included.
   */
  public static List<CatalogEntry> entries() { return get().merge(Catalog.components()); }

  List<CatalogEntry> merge(List<Component> registered) {
    Map<String, Component> reg = new LinkedHashMap<>();
    for (Component c : registered) reg.put(c.id(), c);
    List<CatalogEntry> out = new ArrayList<>();
    for (IndexRow r : rows) {
      out.add(new CatalogEntry(r.id(), r, reg.get(r.id())));
      for (String b : r.bundles()) if (reg.containsKey(b)) out.add(new CatalogEntry(b, r, reg.get(b)));
    }
    return out;
  }

  /** The merged entry of {@code id} (a row id or a registered bundled id); unknown ids name the nearest. */
  public static CatalogEntry entry(String id) {
    for (CatalogEntry e : entries()) if (e.id().equals(id)) return e;
    Optional<IndexRow> bundledIn = row(id);
    if (bundledIn.isPresent()) {
      return new CatalogEntry(id, bundledIn.get(), null);
    }
    List<String> ids = new ArrayList<>();
    for (IndexRow r : rows()) ids.add(r.id());
    String near = null;
    int best = Integer.MAX_VALUE;
    for (String s : ids) {
      int d = Catalog.distance(s, id);
      if (d < best || (near != null && d == best && s.compareTo(near) < 0)) {
        best = d;
        near = s;
      }
    }
    for (int i = 0; best > Math.max(2, id.length() / 3) && i < ids.size(); i++) {
      if (id.length() >= 3 && ids.get(i).contains(id)) {
        near = ids.get(i);
        best = 0;
      }
    }
    throw new IllegalArgumentException("no catalog component '" + id + "'"
        + (near != null && best <= Math.max(2, id.length() / 3) ? " (did you mean '" + near + "'?)" : "")
        + "; bin/jgrad catalog lists them");
  }
}

package io.jgrad.cli;

import io.jgrad.cli.demo.Demo;
import io.jgrad.cli.demo.DemoDocs;
import io.jgrad.cli.demo.DemoReport;
import io.jgrad.cli.demo.DemoRunner;
import io.jgrad.cli.demo.Demos;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.CatalogEntry;
import io.jgrad.losses.catalog.CatalogIndex;
import io.jgrad.losses.catalog.Component;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.catalog.ParamSpec;
import io.jgrad.losses.catalog.Params;
import io.jgrad.losses.catalog.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code jgrad catalog}: the research catalog's components.
 * <ul>
 *   <li>{@code catalog [--kind K] [--status S]}: id, kind, paper, priority, package and status;</li>
 *   <li>{@code catalog --markdown}: docs/catalog.md (the table and the papers without components);</li>
 *   <li>{@code catalog show ID}: paper, where it lives, parameters with defaults, status and note;</li>
 *   <li>{@code catalog demo ID [--seeds N] [--smoke] [--docs DIR]}: runs its demonstration.</li>
 * </ul>
 */
public final class CatalogCommand {
  static final Set<String> LIST_KEYS = Set.of("kind", "status", "markdown");
  static final Set<String> DEMO_KEYS = Set.of("seeds", "smoke", "docs", "threads");

  private CatalogCommand() {}

  public static void run(List<String> args, PrintStream out) throws IOException {
    if (!args.isEmpty() && !args.get(0).startsWith("--")) {
      String sub = args.get(0);
      List<String> rest = args.subList(1, args.size());
      switch (sub) {
        case "show" -> show(one(rest, "show"), out);
        case "demo" -> demo(rest, out);
        default -> throw new IllegalArgumentException("unknown catalog command '" + sub + "' (catalog [--kind K] [--status S] "
            + "[--markdown] | catalog show ID | catalog demo ID [--seeds N] [--smoke])");
      }
      return;
    }
    Options o = Options.parse(args, LIST_KEYS, "catalog");
    if (o.flag("markdown")) {
      if (o.has("kind") || o.has("status")) throw new IllegalArgumentException("--markdown writes the whole catalog; drop --kind/--status");
      out.print(CatalogMarkdown.render());
      return;
    }
    list(kind(o), status(o), out);
  }

  private static String one(List<String> rest, String sub) {
    if (rest.size() != 1 || rest.get(0).startsWith("--")) {
      throw new IllegalArgumentException("catalog " + sub + " takes one component id, got " + (rest.isEmpty() ? "none" : rest));
    }
    return Components.normalize(rest.get(0));
  }

  static Kind kind(Options o) {
    if (!o.has("kind")) return null;
    String k = o.str("kind", "").trim().toUpperCase(Locale.ROOT);
    try {
      return Kind.valueOf(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kind must be one of " + labels(Kind.values()) + ", got '" + o.str("kind", "") + "'");
    }
  }

  static Status status(Options o) {
    if (!o.has("status")) return null;
    String s = o.str("status", "").trim().toUpperCase(Locale.ROOT);
    try {
      Status st = Status.valueOf(s);
      if (st != Status.NONE) return st;
    } catch (IllegalArgumentException e) {
      // the message below
    }
    throw new IllegalArgumentException("--status must be one of done, partial, planned, blocked, got '" + o.str("status", "") + "'");
  }

  static String labels(Enum<?>[] values) {
    return String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
  }

  static void list(Kind kind, Status status, PrintStream out) {
    List<CatalogEntry> shown = new ArrayList<>();
    for (CatalogEntry e : CatalogIndex.entries()) {
      if ((kind == null || e.kind() == kind) && (status == null || e.status() == status)) shown.add(e);
    }
    int w = "id".length();
    for (CatalogEntry e : shown) w = Math.max(w, e.id().length());
    out.printf(Locale.ROOT, "%-" + w + "s  %-11s  %5s  %-4s  %-7s  %s%n", "id", "kind", "paper", "prio", "package", "status");
    for (CatalogEntry e : shown) {
      out.printf(Locale.ROOT, "%-" + w + "s  %-11s  %5d  %-4s  %-7s  %s%n", e.id(), e.kind().label(), e.paper(), e.row().priority(),
          e.row().workPackage().isEmpty() ? "-" : e.row().workPackage(), e.status().label());
    }
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (CatalogEntry e : shown) counts.merge(e.status(), 1, Integer::sum);
    List<String> parts = new ArrayList<>();
    counts.forEach((s, n) -> parts.add(n + " " + s.label()));
    out.println(shown.size() + " component" + (shown.size() == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts))
        + (kind == null && status == null ? "; " + CatalogIndex.papersWithoutComponents().size()
        + " papers without a component (bin/jgrad catalog --markdown lists them)" : ""));
  }

  static void show(String id, PrintStream out) {
    if (Catalog.contains(id) && Catalog.get(id).extra()) {
      Component c = Catalog.get(id);
      out.println(id + "  (" + c.kind().label() + "; a classic torch loss, not a catalog component)");
      out.println("where:      " + c.where());
      params(c.params(), out);
      out.println("use:        bin/jgrad train --loss " + usage(c));
      return;
    }
    CatalogEntry e = CatalogIndex.entry(id);
    out.println(e.id() + "  (" + e.kind().label() + ", " + e.status().label() + ")");
    out.println("paper:      " + CatalogIndex.paper(e.paper()));
    for (int p : e.row().alsoPapers()) out.println("also paper: " + CatalogIndex.paper(p));
    out.println("priority:   " + e.row().priority() + (e.row().workPackage().isEmpty() ? "" : ", work package " + e.row().workPackage()));
    if (!e.id().equals(e.row().id())) out.println("bundled in: " + e.row().id());
    if (!e.row().bundles().isEmpty()) out.println("bundles:    " + String.join(", ", e.row().bundles()));
    if (e.implemented()) {
      out.println("where:      " + e.where());
      params(e.params(), out);
      if (!e.component().needsGradCheck()) out.println("gradcheck:  not applicable: " + e.component().noGradCheckReason());
    }
    if (!e.note().isEmpty()) out.println("note:       " + e.note());
    for (Demo d : Demos.covering(e.id())) {
      out.println("demo:       bin/jgrad catalog demo " + d.id() + "  (docs/catalog/" + d.family() + ".md)");
    }
    String option = switch (e.kind()) {
      case LOSS -> "--loss";
      case REGULARIZER -> "--regularizer";
      case PROCEDURE -> "--procedure";
      default -> null;
    };
    if (e.implemented() && option != null) out.println("use:        bin/jgrad train " + option + " " + usage(e.component()));
  }

  private static void params(List<ParamSpec> ps, PrintStream out) {
    if (ps.isEmpty()) {
      out.println("parameters: none");
      return;
    }
    int w = 0;
    for (ParamSpec p : ps) w = Math.max(w, p.name().length() + 3 + value(p).length());
    for (int i = 0; i < ps.size(); i++) {
      ParamSpec p = ps.get(i);
      String nv = p.name() + " = " + value(p);
      out.printf(Locale.ROOT, "%s%-" + w + "s  %s%n", i == 0 ? "parameters: " : "            ", nv, p.doc());
    }
  }

  /** "id[:k=default,...]": the id, and the parameters one may give (with their defaults). */
  static String usage(Component c) {
    String spec = c.defaults().spec();
    int colon = spec.indexOf(':');
    return colon < 0 ? spec : spec.substring(0, colon) + "[" + spec.substring(colon) + "]";
  }

  /** The default as a spec writes it ("required" when there is none). */
  static String value(ParamSpec p) {
    if (p.defaultValue() == null) return "(required " + p.type().getSimpleName().toLowerCase(Locale.ROOT) + ")";
    String s = Params.of("x", List.of(p), Map.of()).spec();
    return s.substring(s.indexOf('=') + 1);
  }

  static void demo(List<String> args, PrintStream out) throws IOException {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new IllegalArgumentException("catalog demo takes a demo id; demos: "
          + String.join(", ", Demos.all().stream().map(Demo::id).toList()));
    }
    Demo d = Demos.get(Components.normalize(args.get(0)));
    Options o = Options.parse(args.subList(1, args.size()), DEMO_KEYS, "catalog demo");
    int seeds = o.positiveInt("seeds", DemoRunner.DEFAULT_SEEDS);
    boolean smoke = o.flag("smoke");
    DemoReport r = DemoRunner.run(d, seeds, smoke, out);
    if (smoke) return;
    Path docs = o.has("docs") ? Path.of(o.str("docs", "")) : Files.isDirectory(Path.of("docs")) ? Path.of("docs", "catalog") : null;
    if (docs == null) {
      out.println("docs not written: no docs/ directory here (run from the repository root, or pass --docs DIR)");
      return;
    }
    out.println("wrote " + DemoDocs.write(r, docs));
  }
}

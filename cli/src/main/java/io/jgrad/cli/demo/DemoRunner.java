package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.CatalogIndex;
import io.jgrad.losses.catalog.IndexRow;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a {@link Demo}: prints what it claims and the criteria first, then runs the seeds
 * (1, 2, ..., n), prints the table of mean ± sd per method and metric and PASS or FAIL with each
 * criterion's outcome. {@link DemoDocs} writes the report into the docs.
 */
public final class DemoRunner {
  /** The seeds a demo runs by default. */
  public static final int DEFAULT_SEEDS = 3;

  private DemoRunner() {}

  /** Runs {@code seeds} seeds (1..seeds) of {@code demo}, printing to {@code out}. */
  public static DemoReport run(Demo demo, int seeds, boolean smoke, PrintStream out) {
    if (seeds < 1) throw new IllegalArgumentException("demo " + demo.id() + ": seeds must be >= 1, got " + seeds);
    out.println("demo " + demo.id() + (smoke ? " (smoke: reduced setup, the claim is not judged)" : "") + ": " + demo.title());
    for (String c : demo.components()) out.println("  component " + describe(c));
    out.println("  setup: " + demo.setup());
    out.println("  claim: " + demo.claim().text());
    for (Criterion c : demo.claim().criteria()) out.println("    pass if " + c.describe() + " (means over seeds)");
    long[] s = new long[seeds];
    List<DemoRun> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < seeds; i++) {
      s[i] = i + 1;
      long t = System.nanoTime();
      DemoRun r = demo.run(s[i], smoke);
      if (r == null) throw new IllegalStateException("demo " + demo.id() + ": run(" + s[i] + ") returned null");
      runs.add(r);
      out.printf(Locale.ROOT, "  seed %d done (%.1f s)%n", s[i], (System.nanoTime() - t) / 1e9);
    }
    DemoReport report = new DemoReport(demo, s, smoke, runs, (System.nanoTime() - t0) / 1e9);
    out.println();
    out.print(DemoTable.text(report));
    out.println();
    for (DemoReport.Outcome o : report.outcomes()) out.println("  " + o.describe());
    out.printf(Locale.ROOT, "%s (%d seed%s, %.1f s)%s%n", report.pass() ? "PASS" : "FAIL", seeds, seeds == 1 ? "" : "s",
        report.seconds(), smoke ? "; smoke run: not a verdict on the claim" : "");
    return report;
  }

  /** "label_smoothing_ce (paper 58: MaxSup: ...)" or the bare id when the index does not know it. */
  static String describe(String componentId) {
    Optional<IndexRow> r = CatalogIndex.row(componentId);
    if (r.isEmpty()) return componentId + " (not in the catalog index)";
    return componentId + " (paper " + CatalogIndex.paper(r.get().paper()) + ")";
  }
}

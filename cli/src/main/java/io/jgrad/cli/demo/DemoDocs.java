package io.jgrad.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link DemoReport} into {@code <docs>/<family>.md}: one section per demo between
 * {@code <!-- demo:ID -->} and {@code <!-- /demo:ID -->}, replaced in place when the demo runs
 * again (other sections are kept; a new one is appended), plus the plots as
 * {@code <family>-<id>-curves.png} (the runs' curves, mean over seeds) and
 * {@code <family>-<id>-metrics.png} (bars of every metric, mean ± sd).
 */
public final class DemoDocs {
  private DemoDocs() {}

  /** Writes the section and plots; returns the Markdown file. Smoke reports are refused (they are not results). */
  public static Path write(DemoReport r, Path docsDir) throws IOException {
    if (r.smoke()) throw new IllegalArgumentException("demo " + r.demo().id() + ": a smoke run is not written to the docs");
    Demo d = r.demo();
    Files.createDirectories(docsDir);
    Path md = docsDir.resolve(d.family() + ".md");
    String curves = null;
    Path metricsPng = docsDir.resolve(d.family() + "-" + d.id() + "-metrics.png");
    DemoPlot.bars(r.metrics(), r.stats(), metricsPng);
    if (!r.runs().get(0).curves().isEmpty()) {
      curves = d.family() + "-" + d.id() + "-curves.png";
      DemoPlot.lines(DemoCurves.mean(r.runs()), docsDir.resolve(curves));
    }
    String section = section(r, curves, metricsPng.getFileName().toString());
    String old = Files.isRegularFile(md) ? Files.readString(md, StandardCharsets.UTF_8) : header(d.family());
    Files.writeString(md, replace(old, d.id(), section), StandardCharsets.UTF_8);
    return md;
  }

  static String header(String family) {
    return "# Catalog demonstrations: " + family + "\n\n"
        + "Each section is written by `bin/jgrad catalog demo ID` (see [catalog-demos.md](../catalog-demos.md)) and replaced\n"
        + "in place when that demo runs again. The claim and its criteria were fixed before the runs.\n";
  }

  /** {@code text} with the section of {@code id} replaced by {@code section} (appended when absent). */
  static String replace(String text, String id, String section) {
    String open = "<!-- demo:" + id + " -->", close = "<!-- /demo:" + id + " -->";
    int a = text.indexOf(open), b = text.indexOf(close);
    if (a >= 0 && b > a) return text.substring(0, a) + section + text.substring(b + close.length());
    if (a >= 0 || b >= 0) throw new IllegalStateException("demo section markers for " + id + " are unbalanced in the docs file");
    return (text.endsWith("\n") ? text : text + "\n") + "\n" + section + "\n";
  }

  static String section(DemoReport r, String curvesPng, String metricsPng) {
    Demo d = r.demo();
    StringBuilder sb = new StringBuilder();
    sb.append("<!-- demo:").append(d.id()).append(" -->\n");
    sb.append("## ").append(d.id()).append(": ").append(d.title()).append("\n\n");
    for (String c : d.components()) sb.append("Component: `").append(DemoRunner.describe(c)).append("`  \n");
    sb.append("Run: `bin/jgrad catalog demo ").append(d.id()).append("`\n\n");
    sb.append("**Claim** (stated before running): ").append(d.claim().text()).append("\n\n");
    sb.append("Pass criteria (on the means over seeds):\n");
    for (Criterion c : d.claim().criteria()) sb.append("- `").append(c.describe()).append("`\n");
    sb.append("\n**Setup**: ").append(d.setup()).append("\n\n");
    sb.append(String.format(Locale.ROOT, "**Result** (seeds %s; mean ± sd; %.0f s on %s):%n%n", seeds(r.seeds()), r.seconds(),
        Machine.describe()));
    sb.append(DemoTable.markdown(r)).append('\n');
    sb.append("**").append(r.pass() ? "PASS" : "FAIL: the effect was not shown in this setup").append("**\n");
    for (DemoReport.Outcome o : r.outcomes()) sb.append("- ").append(o.describe()).append('\n');
    sb.append('\n');
    if (curvesPng != null) sb.append("![curves of ").append(d.id()).append("](").append(curvesPng).append(")\n");
    sb.append("![metrics of ").append(d.id()).append("](").append(metricsPng).append(")\n");
    sb.append("<!-- /demo:").append(d.id()).append(" -->");
    return sb.toString();
  }

  static String seeds(long[] s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : ", ").append(s[i]);
    return sb.toString();
  }
}

package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The embedded copies (papers.tsv, spec-ids.tsv, index.tsv) against the research catalog they
 * were copied from, when it is present: a directory {@code shared} (with {@code papers/} and
 * {@code catalog/}) beside the repository or above it, or {@code -Djgrad.catalog.shared=DIR}.
 * Skipped, with that reason, where it is absent (CI builds a clean clone).
 */
class CatalogSourcesTest {
  static Path shared() {
    String prop = System.getProperty("jgrad.catalog.shared");
    if (prop != null) return Path.of(prop);
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("shared");
      if (Files.isRegularFile(s.resolve("papers/titles.txt"))) return s;
    }
    return null;
  }

  static Path need(String file) {
    Path s = shared();
    Assumptions.assumeTrue(s != null && Files.isRegularFile(s.resolve(file)),
        "skipped: the research catalog (shared/" + file + " beside or above the repository, or -Djgrad.catalog.shared=DIR) is not here");
    return s.resolve(file);
  }

  @Test
  void embeddedTitlesEqualTheCatalogs() throws IOException {
    Map<Integer, String> source = new LinkedHashMap<>();
    for (String line : Files.readAllLines(need("papers/titles.txt"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      String[] f = line.split("\t", 2);
      source.put(Integer.parseInt(f[0].trim()), f[1]);
    }
    Map<Integer, String> embedded = new LinkedHashMap<>();
    for (Paper p : CatalogIndex.papers()) embedded.put(p.number(), p.title());
    assertEquals(source, embedded, "papers.tsv differs from titles.txt: copy the titles again");
  }

  /** The ids of the specs' summary tables (third column), plus adversarial_loss (named in paper 21's text). */
  @Test
  void embeddedSpecIdsEqualTheSpecs() throws IOException {
    Map<String, Integer> source = new TreeMap<>();
    Pattern row = Pattern.compile("^\\| (\\d+)(?:/\\d+)? \\|[^|]*\\|([^|]*)\\|");
    Pattern id = Pattern.compile("`([a-z0-9_]+)`");
    for (String f : List.of("catalog/components-001-059.md", "catalog/components-060-119.md")) {
      for (String line : Files.readAllLines(need(f), StandardCharsets.UTF_8)) {
        Matcher m = row.matcher(line);
        if (!m.find()) continue;
        Matcher ids = id.matcher(m.group(2));
        while (ids.find()) source.putIfAbsent(ids.group(1), Integer.parseInt(m.group(1)));
      }
    }
    assertTrue(source.size() > 100, "parsed only " + source.size() + " ids from the spec tables");
    source.put("adversarial_loss", 21);
    assertEquals(source, new TreeMap<>(CatalogIndex.specIds()));
  }

  /** Each plan row of packages.md section 4 (duplicates and the placeholder aside) is an index row with its paper, priority and package. */
  @Test
  void indexRowsFollowThePlan() throws IOException {
    List<String> plan = new ArrayList<>();
    boolean in = false;
    Pattern row = Pattern.compile("^\\| \\d+ \\| (P\\d|–) \\| (\\d+) \\| `([^`]*)` \\|");
    for (String line : Files.readAllLines(need("catalog/packages.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) in = line.startsWith("## 4.");
      if (!in) continue;
      Matcher m = row.matcher(line);
      if (!m.find() || line.contains("**DUP**") || line.contains("**N/A**")) continue;
      String wp = line.replaceAll(".*\\| (WP\\d|—) \\|.*", "$1");
      String pid = m.group(3).split(" ")[0];
      plan.add(pid + " " + m.group(2) + " " + m.group(1) + " " + (wp.equals("—") ? "" : wp));
    }
    assertEquals(122, plan.size());
    List<String> index = new ArrayList<>();
    for (IndexRow r : CatalogIndex.rows().subList(0, 122)) index.add(r.id() + " " + r.paper() + " " + r.priority() + " " + r.workPackage());
    assertEquals(plan, index);
  }
}

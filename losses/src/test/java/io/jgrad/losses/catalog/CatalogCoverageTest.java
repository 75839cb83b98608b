package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog's coverage, on the committed sources (see {@link CatalogCheck} for the rules):
 * every paper has a component or a recorded reason; the index ids are the spec ids, once each;
 * every registered component is in the index and has a golden case (a {@code "component": "<id>"}
 * field in {@code losses/src/test/resources/golden/catalog/*.json}), a gradcheck (its id as a
 * string literal, or the start of one as in {@code "<id>:k=v"}, in a {@code *GradCheckTest.java}
 * under losses or nn test sources; unless its entry says {@code noGradCheck(reason)}) and a
 * device test (the same in a {@code *DeviceTest.java}). That every DONE component has a
 * demonstration is checked in the cli module (CatalogDemoCoverageTest), where the demos live.
 */
class CatalogCoverageTest {
  static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*)(?::[^\"]*)?\"");

  /** The losses module directory (Maven runs tests there). */
  static Path module() {
    Path m = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(m.resolve("src/test/java/io/jgrad/losses"))) fail("run from the losses module directory, not " + m);
    return m;
  }

  /** The component ids of every case in golden/catalog/*.json. */
  static Set<String> goldenIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    Path dir = module().resolve("src/test/resources/golden/catalog");
    if (!Files.isDirectory(dir)) return ids;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonObject doc = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        int i = 0;
        for (JsonElement c : doc.getAsJsonArray("cases")) {
          JsonElement comp = c.getAsJsonObject().get("component");
          if (comp == null || comp.getAsString().isBlank()) fail(f.getFileName() + " case " + i + " has no \"component\" field");
          ids.add(comp.getAsString());
          i++;
        }
      }
    }
    return ids;
  }

  /** Index ids and bundled ids named by string literals in test sources whose file name ends with {@code suffix}. */
  static Set<String> idsInSources(String suffix) throws IOException {
    Set<String> known = new TreeSet<>();
    for (IndexRow r : CatalogIndex.rows()) {
      known.add(r.id());
      known.addAll(r.bundles());
    }
    Set<String> ids = new TreeSet<>();
    for (Path root : List.of(module().resolve("src/test/java"), module().resolve("../nn/src/test/java").normalize())) {
      if (!Files.isDirectory(root)) continue;
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
          Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
          while (m.find()) if (known.contains(m.group(1))) ids.add(m.group(1));
        }
      }
    }
    return ids;
  }

  @Test
  void everyRuleHolds() throws IOException {
    List<String> problems = CatalogCheck.problems(Catalog.all(), goldenIds(), idsInSources("GradCheckTest.java"),
        idsInSources("DeviceTest.java"));
    if (!problems.isEmpty()) fail(problems.size() + " catalog coverage problem(s):\n  " + String.join("\n  ", problems));
  }

  @Test
  void theScansFindTheClassicComponents() throws IOException {
    for (String id : List.of("regression_losses_core", "label_smoothing_ce")) {
      assertTrue(goldenIds().contains(id), id + " golden");
      assertTrue(idsInSources("GradCheckTest.java").contains(id), id + " gradcheck");
      assertTrue(idsInSources("DeviceTest.java").contains(id), id + " device");
    }
  }

  @Test
  void literalsMatchIdsAndSpecs() {
    Matcher m = LITERAL.matcher("a(\"focal_loss\"), b(\"focal_loss:gamma=2\"), c(\"Focal\"), d(\"focal loss\")");
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) found.add(m.group(1));
    assertEquals(List.of("focal_loss", "focal_loss"), found);
  }
}

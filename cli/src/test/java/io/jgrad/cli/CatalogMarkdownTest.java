package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.losses.catalog.CatalogIndex;
import io.jgrad.losses.catalog.IndexRow;
import io.jgrad.losses.catalog.Paper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md is what {@code bin/jgrad catalog --markdown} prints now. To regenerate it, run
 * {@code bin/jgrad catalog --markdown > docs/catalog.md}, or this test with
 * {@code -Djgrad.catalog.regenerate=true} (it then rewrites the file and passes).
 */
class CatalogMarkdownTest {
  static final Path DOC = Path.of("../docs/catalog.md");

  @Test
  void committedDocIsCurrent() throws IOException {
    String now = CatalogMarkdown.render();
    if (Boolean.getBoolean("jgrad.catalog.regenerate")) {
      Files.writeString(DOC, now, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.isRegularFile(DOC)) fail("docs/catalog.md is missing: generate it with `" + CatalogMarkdown.REGENERATE + "`");
    String committed = Files.readString(DOC, StandardCharsets.UTF_8);
    if (!committed.equals(now)) {
      String[] a = committed.split("\n", -1), b = now.split("\n", -1);
      int i = 0;
      while (i < Math.min(a.length, b.length) && a[i].equals(b[i])) i++;
      fail("docs/catalog.md is stale: regenerate it with `" + CatalogMarkdown.REGENERATE + "` (or run CatalogMarkdownTest with "
          + "-Djgrad.catalog.regenerate=true). First difference at line " + (i + 1) + ":\n  committed: "
          + (i < a.length ? a[i] : "<end>") + "\n  current:   " + (i < b.length ? b[i] : "<end>"));
    }
  }

  @Test
  void namesEveryComponentAndEveryPaperWithoutOne() {
    String md = CatalogMarkdown.render();
    for (IndexRow r : CatalogIndex.rows()) assertTrue(md.contains("| `" + r.id() + "`"), r.id());
    for (Paper p : CatalogIndex.papersWithoutComponents()) assertTrue(md.contains("| " + p.number() + " | " + p.title() + " | "), p.toString());
    assertTrue(md.contains("### label_smoothing_ce\n"), "a section per implemented component");
    assertTrue(md.contains("| `label_smoothing` | `0.1` | epsilon in [0, 1]"), "parameters with defaults and docs");
    assertTrue(md.contains("| `mse` | `io.jgrad.losses.Losses#mseLoss` |"), "the classic losses");
    for (String line : md.split("\n")) {
      if (line.startsWith("| ")) assertTrue(line.endsWith(" |"), "table row ends with a pipe: " + line);
    }
  }
}

package io.jgrad.cli;

import static io.jgrad.cli.OptionsTest.assertCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.catalog.CatalogIndex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jgrad catalog}: the list and its filters, {@code show}, and the one-line errors (exit code 2). */
class CatalogCommandTest {
  static String ok(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, "stderr: " + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsEveryComponentWithKindPaperAndStatus() {
    String out = ok("catalog");
    List<String> lines = out.lines().toList();
    assertEquals(CatalogIndex.rows().size() + 2, lines.size(), out);
    assertTrue(lines.get(0).matches("id +kind +paper +prio +package +status"), lines.get(0));
    assertTrue(out.contains("\nlabel_smoothing_ce "), out);
    assertTrue(lines.stream().anyMatch(l -> l.matches("group_dro_loss +loss +101 +P1 +WP8 +planned")), out);
    assertTrue(lines.stream().anyMatch(l -> l.matches("weight_compander +layer +4 +P2 +WP4 +blocked")), out);
    assertTrue(lines.get(lines.size() - 1).startsWith("124 components: "), lines.get(lines.size() - 1));
    assertTrue(lines.get(lines.size() - 1).endsWith("; 20 papers without a component (bin/jgrad catalog --markdown lists them)"));
  }

  @Test
  void filtersByKindAndStatus() {
    String done = ok("catalog", "--status", "done");
    assertTrue(done.contains("regression_losses_core") && done.contains("label_smoothing_ce"), done);
    assertFalse(done.contains("group_dro_loss"), done);
    String blockedLayers = ok("catalog", "--kind", "LAYER", "--status=blocked");
    assertTrue(blockedLayers.contains("weight_compander") && !blockedLayers.contains("weight_conditioning"), blockedLayers);
    assertTrue(blockedLayers.strip().endsWith("1 component: 1 blocked"), blockedLayers);
    String none = ok("catalog", "--kind", "function");
    assertTrue(none.strip().endsWith("0 components"), none);
  }

  @Test
  void showPrintsPaperCodeParametersAndUse() {
    String s = ok("catalog", "show", "label_smoothing_ce");
    assertTrue(s.startsWith("label_smoothing_ce  (loss, done)\n"), s);
    assertTrue(s.contains("paper:      58: MaxSup: Overcoming Representation Collapse in Label Smoothing\n"), s);
    assertTrue(s.contains("where:      io.jgrad.losses.Losses#crossEntropy (labelSmoothing)\n"), s);
    assertTrue(s.contains("parameters: label_smoothing = 0.1  epsilon in [0, 1]"), s);
    assertTrue(s.contains("            reduction = mean       none | mean | sum"), s);
    assertTrue(s.contains("use:        bin/jgrad train --loss label_smoothing_ce[:label_smoothing=0.1,ignore_index=-100,reduction=mean]"), s);
    String bundled = ok("catalog", "show", "pseudo-huber-loss");
    assertTrue(bundled.startsWith("pseudo_huber_loss  (loss, done)\n"), bundled);
    assertTrue(bundled.contains("bundles:    huber_c_schedule"), bundled);
    String planned = ok("catalog", "show", "bures_wasserstein_loss");
    assertTrue(planned.startsWith("bures_wasserstein_loss  (loss, planned)\n"), planned);
    assertFalse(planned.contains("where:"), planned);
    String hpm = ok("catalog", "show", "hpm_mask_generation");
    assertTrue(hpm.contains("also paper: 30: "), hpm);
    String extra = ok("catalog", "show", "bce_with_logits");
    assertTrue(extra.startsWith("bce_with_logits  (loss; a classic torch loss, not a catalog component)"), extra);
  }

  @Test
  void errorsAreOneLineWithExitCode2() {
    assertCli(2, "jgrad catalog: no catalog component 'focal' (did you mean 'focal_loss'?); bin/jgrad catalog lists them", "catalog", "show", "focal");
    assertCli(2, "jgrad catalog: catalog show takes one component id, got none", "catalog", "show");
    assertCli(2, "jgrad catalog: catalog show takes one component id, got [a, b]", "catalog", "show", "a", "b");
    assertCli(2, "jgrad catalog: --kind must be one of loss, regularizer, procedure,", "catalog", "--kind", "losses");
    assertCli(2, "jgrad catalog: --status must be one of done, partial, planned, blocked, got 'none'", "catalog", "--status", "none");
    assertCli(2, "jgrad catalog: unknown catalog command 'list'", "catalog", "list");
    assertCli(2, "jgrad catalog: unknown option --seeds", "catalog", "--seeds", "3");
    assertCli(2, "jgrad catalog: --markdown writes the whole catalog; drop --kind/--status", "catalog", "--markdown", "--kind", "loss");
    assertCli(2, "jgrad catalog: no demonstration 'nope'; demos: ", "catalog", "demo", "nope");
    assertCli(2, "jgrad catalog: catalog demo takes a demo id; demos: ", "catalog", "demo");
    assertCli(2, "jgrad catalog: --seeds must be a positive integer, got '0'", "catalog", "demo", "label_smoothing_ce", "--seeds", "0");
  }
}

package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed index: its counts, lookups and the merged view with the registry. */
class CatalogIndexTest {
  @Test
  void counts() {
    // 126 plan rows - 3 duplicate rows (paper 30 twice, paper 63's arrow) - paper 111's placeholder
    // + proximal_l1_step and adversarial_loss (specified, absent from the plan) = 124 components.
    assertEquals(124, CatalogIndex.rows().size());
    assertEquals(119, CatalogIndex.papers().size());
    assertEquals(134, CatalogIndex.specIds().size());
    assertEquals(10, CatalogIndex.rows().stream().mapToInt(r -> r.bundles().size()).sum());
    // 16 in the research catalog; lr_qr_threshold_fit's objective has since been read in its paper, and
    // weight_conditioning's equilibration form found in secondary sources (implemented as partial)
    assertEquals(14, CatalogIndex.rows().stream().filter(IndexRow::blocked).count());
    List<Paper> without = CatalogIndex.papersWithoutComponents();
    assertEquals(20, without.size());
    assertEquals(List.of(111), without.stream().filter(p -> p.status() == Status.BLOCKED).map(Paper::number).toList());
    assertTrue(without.stream().allMatch(p -> p.status() != null && !p.reason().isBlank()));
  }

  @Test
  void lookups() {
    assertEquals("MaxSup: Overcoming Representation Collapse in Label Smoothing", CatalogIndex.paper(58).title());
    assertEquals("pseudo_huber_loss", CatalogIndex.row("huber_c_schedule").orElseThrow().id());
    assertEquals("adamw", CatalogIndex.row("sgdw").orElseThrow().id());
    assertTrue(CatalogIndex.row("no_such").isEmpty());
    assertEquals(Set.of("hpm_relative_loss_prediction", "hpm_mask_generation"),
        CatalogIndex.rowsOfPaper(30).stream().map(IndexRow::id).collect(Collectors.toSet()));
    assertEquals(List.of("implicit_hypergradient"), CatalogIndex.rowsOfPaper(63).stream().map(IndexRow::id).toList());
    assertEquals(List.of("proximal_l1_step"), CatalogIndex.rowsOfPaper(66).stream().map(IndexRow::id).toList());
    IndexRow focal = CatalogIndex.row("focal_loss").orElseThrow();
    assertEquals(Kind.LOSS, focal.kind());
    assertEquals(32, focal.paper());
    assertEquals("P0", focal.priority());
    assertEquals("WP1", focal.workPackage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogIndex.paper(120));
    assertEquals("no paper 120 in the catalog (papers 1..119)", e.getMessage());
  }

  @Test
  void mergedViewTakesStatusFromTheRegistry() {
    CatalogEntry core = CatalogIndex.entry("regression_losses_core");
    assertTrue(core.implemented());
    assertEquals(Status.DONE, core.status());
    assertTrue(core.where().startsWith("io.jgrad.losses.Losses#mseLoss"));
    assertEquals(List.of("form", "delta", "beta", "reduction"), core.params().stream().map(ParamSpec::name).toList());
    CatalogEntry ls = CatalogIndex.entry("label_smoothing_ce");
    assertEquals(Status.DONE, ls.status());
    assertEquals(0.1, ls.component().defaults().d("label_smoothing"));
    CatalogEntry compander = CatalogIndex.entry("weight_compander");
    assertEquals(Status.BLOCKED, compander.status());
    assertTrue(compander.note().startsWith("formula not found in the paper or reference code"), compander.note());
    assertEquals("", compander.where());
    CatalogEntry sgdw = CatalogIndex.entry("sgdw");
    assertEquals("adamw", sgdw.row().id());
    assertFalse(sgdw.implemented());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogIndex.entry("focal"));
    assertEquals("no catalog component 'focal' (did you mean 'focal_loss'?); bin/jgrad catalog lists them", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CatalogIndex.entry("sparsemax_los"));
    assertTrue(e.getMessage().contains("did you mean 'sparsemax_loss'?"), e.getMessage());
  }

  @Test
  void everyRowIsOneEntryAndExtrasAreNotCatalogEntries() {
    List<CatalogEntry> entries = CatalogIndex.entries();
    Set<String> ids = new TreeSet<>();
    for (CatalogEntry e : entries) assertTrue(ids.add(e.id()), "twice: " + e.id());
    for (IndexRow r : CatalogIndex.rows()) assertTrue(ids.contains(r.id()), r.id());
    for (Component c : Catalog.all()) if (c.extra()) assertFalse(ids.contains(c.id()), c.id());
    long implemented = entries.stream().filter(CatalogEntry::implemented).count();
    assertEquals(Catalog.components().size(), implemented);
  }

  @Test
  void mergeShowsARegisteredBundleAfterItsRow() {
    CatalogIndex idx = CatalogCheckTest.good();
    Component extra = Component.done("a_extra", Kind.OPTIMIZER, 1, "X#z", List.of(), p -> "x");
    List<CatalogEntry> m = idx.merge(List.of(extra));
    assertEquals(List.of("a_loss", "a_extra", "b_reg"), m.stream().map(CatalogEntry::id).toList());
    assertEquals(Status.PLANNED, m.get(0).status());
    assertEquals(Status.DONE, m.get(1).status());
    assertEquals(Kind.OPTIMIZER, m.get(1).kind());
  }
}

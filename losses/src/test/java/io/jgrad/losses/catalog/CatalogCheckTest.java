package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.train.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each coverage rule of {@link CatalogCheck} fails on a small made-up index, with a message that says what to fix. */
class CatalogCheckTest {
  static final String HEADER = "id\tkind\tpaper\talso\tpriority\tpackage\tblocked\tbundles\tnote\n";

  static CatalogIndex index(String rows, String papers, String specIds) {
    return new CatalogIndex(IndexFiles.rows(HEADER + rows, "index.tsv"),
        IndexFiles.papers("number\ttitle\tstatus\treason\n" + papers, "papers.tsv"),
        IndexFiles.specIds("id\tpaper\n" + specIds, "spec-ids.tsv"));
  }

  /** Two papers, each with one component; a_loss bundles a_extra. */
  static CatalogIndex good() {
    return index("a_loss\tloss\t1\t-\tP0\tWP1\t-\ta_extra\t-\nb_reg\tregularizer\t2\t-\tP1\tWP2\t-\t-\t-\n",
        "1\tPaper one\t-\t-\n2\tPaper two\t-\t-\n3\tTheory\tNONE\ttheory\n", "a_loss\t1\na_extra\t1\nb_reg\t2\n");
  }

  static Component loss(String id, int paper) {
    return Component.done(id, Kind.LOSS, paper, "X#y", List.of(), p -> (Objective) (o, b) -> o);
  }

  static List<String> check(CatalogIndex idx, List<Component> reg, Set<String> golden, Set<String> grad, Set<String> dev) {
    return CatalogCheck.problems(idx, reg, golden, grad, dev);
  }

  static void assertOne(List<String> problems, String fragment) {
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(fragment), problems.get(0) + " should mention " + fragment);
  }

  @Test
  void aConsistentCatalogHasNoProblems() {
    assertEquals(List.of(), check(good(), List.of(loss("a_loss", 1)), Set.of("a_loss"), Set.of("a_loss"), Set.of("a_loss")));
    assertEquals(List.of(), check(good(), List.of(), Set.of(), Set.of(), Set.of()));
  }

  @Test
  void aPaperWithoutComponentOrReason() {
    CatalogIndex idx = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n2\tTwo\t-\t-\n", "a_loss\t1\n");
    assertOne(check(idx, List.of(), Set.of(), Set.of(), Set.of()), "paper 2: Two: no component in the index and no recorded reason");
  }

  @Test
  void aPaperWithComponentsAndAReason() {
    CatalogIndex idx = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\n", "1\tOne\tNONE\ttheory\n", "a_loss\t1\n");
    assertOne(check(idx, List.of(), Set.of(), Set.of(), Set.of()), "has components [a_loss] but papers.tsv records NONE");
  }

  @Test
  void anAlsoPaperCountsAsAComponentOfThatPaper() {
    CatalogIndex idx = index("a_loss\tloss\t1\t2\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n2\tJournal version\t-\t-\n", "a_loss\t1\n");
    assertEquals(List.of(), check(idx, List.of(), Set.of(), Set.of(), Set.of()));
    CatalogIndex bad = index("a_loss\tloss\t1\t7\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n", "a_loss\t1\n");
    assertOne(check(bad, List.of(), Set.of(), Set.of(), Set.of()), "paper 7 is not in papers.tsv");
  }

  @Test
  void duplicateUnknownAndMissingIds() {
    CatalogIndex dup = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\na_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n", "a_loss\t1\n");
    assertOne(check(dup, List.of(), Set.of(), Set.of(), Set.of()), "index id a_loss is listed twice");
    CatalogIndex unknown = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\tzz\t-\n", "1\tOne\t-\t-\n", "a_loss\t1\n");
    assertOne(check(unknown, List.of(), Set.of(), Set.of(), Set.of()), "index id zz (row a_loss) is not a spec id");
    CatalogIndex missing = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n", "a_loss\t1\nb_loss\t1\n");
    assertOne(check(missing, List.of(), Set.of(), Set.of(), Set.of()), "spec id b_loss has no index row");
    CatalogIndex paper = index("a_loss\tloss\t1\t-\tP0\tWP1\t-\t-\t-\n", "1\tOne\t-\t-\n2\tTwo\tNONE\tx\n", "a_loss\t2\n");
    assertOne(check(paper, List.of(), Set.of(), Set.of(), Set.of()), "the specs give paper 2");
  }

  @Test
  void registryEntriesMustMatchTheIndex() {
    Set<String> a = Set.of("a_loss"), br = Set.of("b_reg");
    List<String> probs = check(good(), List.of(loss("c_loss", 1)), Set.of(), Set.of(), Set.of());
    assertEquals("registered component c_loss (X#y) is not in the catalog index", probs.get(0));
    assertEquals(4, probs.size(), "and it has no golden, gradcheck or device test: " + probs);
    assertOne(check(good(), List.of(loss("a_loss", 2)), a, a, a), "a_loss: paper 2, the index gives 1");
    assertOne(check(good(), List.of(loss("b_reg", 2)), br, br, br), "b_reg is a loss, the index says regularizer");
    CatalogIndex blocked = index("a_loss\tloss\t1\t-\tP0\tWP1\tformula not found\t-\t-\n", "1\tOne\t-\t-\n", "a_loss\t1\n");
    assertOne(check(blocked, List.of(loss("a_loss", 1)), a, a, a), "recorded as blocked in the index (formula not found)");
    Component extra = Component.extra("a_loss", Kind.LOSS, "X#y", List.of(), p -> (Objective) (o, b) -> o);
    assertOne(check(good(), List.of(extra), Set.of(), Set.of(), Set.of()), "extra entry a_loss reuses the id");
  }

  @Test
  void aBundledIdMayBeRegisteredOnItsOwn() {
    Component e = Component.done("a_extra", Kind.OPTIMIZER, 1, "X#z", List.of(), p -> "x").noGradCheck("an optimizer");
    assertEquals(List.of(), check(good(), List.of(e), Set.of("a_extra"), Set.of(), Set.of("a_extra")));
  }

  @Test
  void implementedComponentsNeedGoldenGradcheckAndDeviceTests() {
    List<Component> reg = List.of(loss("a_loss", 1));
    assertOne(check(good(), reg, Set.of(), Set.of("a_loss"), Set.of("a_loss")), "a_loss: no golden case");
    assertOne(check(good(), reg, Set.of("a_loss"), Set.of(), Set.of("a_loss")), "a_loss: no gradcheck");
    assertOne(check(good(), reg, Set.of("a_loss"), Set.of("a_loss"), Set.of()), "a_loss: no device test");
    List<Component> exempt = List.of(loss("a_loss", 1).noGradCheck("a metric: not differentiable"));
    assertEquals(List.of(), check(good(), exempt, Set.of("a_loss"), Set.of(), Set.of("a_loss")));
    assertEquals(3, check(good(), reg, Set.of(), Set.of(), Set.of()).size());
  }

  @Test
  void partialComponentsAreHeldToTheSameTests() {
    Component p = Component.partial("a_loss", Kind.LOSS, 1, "X#y", List.of(), "no demo yet", q -> (Objective) (o, b) -> o);
    assertEquals(3, check(good(), List.of(p), Set.of(), Set.of(), Set.of()).size());
  }

  @Test
  void extrasNeedNoTests() {
    Component extra = Component.extra("mse", Kind.LOSS, "Losses#mseLoss", List.of(), p -> (Objective) (o, b) -> o);
    assertEquals(List.of(), check(good(), List.of(extra), Set.of(), Set.of(), Set.of()));
  }

  @Test
  void testsThatNameUnknownOrUnregisteredComponents() {
    assertOne(check(good(), List.of(), Set.of("focl_loss"), Set.of(), Set.of()), "golden files name component 'focl_loss', which is not in the catalog index");
    assertOne(check(good(), List.of(), Set.of(), Set.of("b_reg"), Set.of()), "b_reg has gradcheck tests but no registry entry");
  }

  @Test
  void aNoGradCheckReasonMustSaySomething() {
    Component c = loss("a_loss", 1);
    assertThrows(IllegalArgumentException.class, () -> c.noGradCheck(" "));
    assertThrows(IllegalArgumentException.class, () -> c.noGradCheck(null));
    assertEquals("a metric", c.noGradCheck(" a metric ").noGradCheckReason());
    assertTrue(c.needsGradCheck());
    List<Component> list = new ArrayList<>(List.of(c.noGradCheck("x")));
    assertTrue(!list.get(0).needsGradCheck());
  }

  @Test
  void parseErrorsNameTheFileLineAndField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows(HEADER + "a_loss\tlos\t1\t-\tP0\t-\t-\t-\t-\n", "index.tsv"));
    assertEquals("index.tsv line 2: unknown kind 'los' (one of [loss, regularizer, procedure, metric, layer, optimizer, schedule, transform, function, tool])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows(HEADER + "a_loss\tloss\t1\t-\tP3\t-\t-\t-\t-\n", "index.tsv"));
    assertEquals("index.tsv line 2: priority must be P0, P1 or P2, got 'P3'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows(HEADER + "a_loss\tloss\t1\n", "index.tsv"));
    assertEquals("index.tsv line 2: expected 9 tab-separated fields, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows("# comment\nid\tkind\n", "index.tsv"));
    assertTrue(e.getMessage().startsWith("index.tsv line 2: expected the header 'id<TAB>kind<TAB>paper"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows(HEADER + "Focal\tloss\t1\t-\tP0\t-\t-\t-\t-\n", "index.tsv"));
    assertEquals("index.tsv line 2: bad id 'Focal' (lower_snake_case)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.rows(HEADER + "a_loss\tloss\tx\t-\tP0\t-\t-\t-\t-\n", "index.tsv"));
    assertEquals("index.tsv line 2: paper must be a positive integer, got 'x'", e.getMessage());
    String ph = "number\ttitle\tstatus\treason\n";
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.papers(ph + "2\tTwo\t-\t-\n", "papers.tsv"));
    assertEquals("papers.tsv line 2: papers must be numbered 1, 2, ... in order; expected 1, got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.papers(ph + "1\tOne\tNONE\t-\n", "papers.tsv"));
    assertEquals("papers.tsv line 2: paper 1 has status NONE but no reason", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.papers(ph + "1\tOne\tDONE\tx\n", "papers.tsv"));
    assertEquals("papers.tsv line 2: a paper's status is NONE or BLOCKED (or '-'), got DONE", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.papers(ph + "1\tOne\t-\tbecause\n", "papers.tsv"));
    assertEquals("papers.tsv line 2: paper 1 has a reason but no status", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexFiles.specIds("id\tpaper\na\t1\na\t2\n", "spec-ids.tsv"));
    assertEquals("spec-ids.tsv line 3: id 'a' listed twice", e.getMessage());
    assertEquals(Map.of(), IndexFiles.specIds("# only a header\nid\tpaper\n", "spec-ids.tsv"));
  }
}

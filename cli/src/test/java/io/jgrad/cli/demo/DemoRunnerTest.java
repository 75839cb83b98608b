package io.jgrad.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo framework on made-up demos: statistics, verdicts, the docs section and its errors. */
class DemoRunnerTest {
  /** A demo whose run is given as a function of (seed, smoke). */
  record Fake(String id, Claim claim, BiFunction<Long, Boolean, DemoRun> f) implements Demo {
    public List<String> components() { return List.of("label_smoothing_ce"); }

    public String family() { return "test"; }

    public String title() { return "a made-up demo"; }

    public String setup() { return "numbers chosen by the test"; }

    public DemoRun run(long seed, boolean smoke) { return f.apply(seed, smoke); }
  }

  static final Claim CLAIM = Claim.of("a lowers the loss", Criterion.lower("loss", "a", "b"),
      Criterion.atLeast("acc", "a", "b", -0.01));

  static DemoRun run(long seed) {
    return new DemoRun().row("a", Map.of("loss", 1.0 + seed, "acc", 0.9)).row("b", Map.of("loss", 2.0 + 2 * seed, "acc", 0.905))
        .curve("loss", "a", new double[] {3, 2, seed}).curve("loss", "b", new double[] {3, 3, 3});
  }

  static String out(ByteArrayOutputStream b) { return b.toString(StandardCharsets.UTF_8); }

  @Test
  void meansSdsAndAPass() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DemoReport r = DemoRunner.run(new Fake("x", CLAIM, (s, smoke) -> run(s)), 3, false, new PrintStream(b, true, StandardCharsets.UTF_8));
    assertEquals(3.0, r.stats().get("a").get("loss").mean(), 1e-12);
    assertEquals(1.0, r.stats().get("a").get("loss").sd(), 1e-12);
    assertEquals(6.0, r.stats().get("b").get("loss").mean(), 1e-12);
    assertEquals(2.0, r.stats().get("b").get("loss").sd(), 1e-12);
    assertTrue(r.pass());
    assertEquals(3, r.outcomes().get(0).seedsPassing());
    String o = out(b);
    assertTrue(o.indexOf("pass if loss(a) < loss(b)") < o.indexOf("seed 1 done"), "the claim is printed before running:\n" + o);
    assertTrue(o.contains("pass if acc(a) >= acc(b) - 0.01"), o);
    assertTrue(o.contains("3 ± 1"), o);
    assertTrue(o.contains("\nPASS (3 seeds"), o);
  }

  @Test
  void aFailSaysWhichCriterionFailed() {
    Claim c = Claim.of("a raises the loss", Criterion.higher("loss", "a", "b", 0.5));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DemoReport r = DemoRunner.run(new Fake("x", c, (s, smoke) -> run(s)), 2, false, new PrintStream(b, true, StandardCharsets.UTF_8));
    assertFalse(r.pass());
    assertTrue(out(b).contains("fails: loss(a) > loss(b) + 0.5  [2.5 vs 5.5; 0/2 seeds]"), out(b));
    assertTrue(out(b).contains("\nFAIL (2 seeds"), out(b));
  }

  @Test
  void aSingleSeedHasNoSd() {
    DemoReport r = DemoRunner.run(new Fake("x", CLAIM, (s, smoke) -> run(s)), 1, true, new PrintStream(new ByteArrayOutputStream()));
    assertTrue(Double.isNaN(r.stats().get("a").get("loss").sd()));
    assertEquals("2", r.stats().get("a").get("loss").format());
  }

  @Test
  void inconsistentRunsAreErrors() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Fake missingMethod = new Fake("x", CLAIM, (s, smoke) -> new DemoRun().row("a", Map.of("loss", 1.0, "acc", 1.0)));
    assertEquals("demo x: the claim names method 'b', the run reported [a]",
        assertThrows(IllegalStateException.class, () -> DemoRunner.run(missingMethod, 1, true, quiet)).getMessage());
    Fake missingMetric = new Fake("x", CLAIM, (s, smoke) -> new DemoRun().row("a", Map.of("loss", 1.0)).row("b", Map.of("loss", 1.0)));
    assertEquals("demo x: the claim names metric 'acc' of 'a', the run reported [loss]",
        assertThrows(IllegalStateException.class, () -> DemoRunner.run(missingMetric, 1, true, quiet)).getMessage());
    Fake changing = new Fake("x", CLAIM, (s, smoke) -> s == 1 ? run(s) : new DemoRun().row("a", Map.of("loss", 1.0, "acc", 1.0)));
    assertTrue(assertThrows(IllegalStateException.class, () -> DemoRunner.run(changing, 2, true, quiet)).getMessage()
        .startsWith("demo x: seed 2 reported methods [a], seed 1 [a, b]"));
    assertEquals("demo x: seeds must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> DemoRunner.run(missingMethod, 0, true, quiet)).getMessage());
    assertEquals("demo x: run(1) returned null", assertThrows(IllegalStateException.class,
        () -> DemoRunner.run(new Fake("x", CLAIM, (s, smoke) -> null), 1, true, quiet)).getMessage());
  }

  @Test
  void criteriaAndRowsCheckTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> Claim.of("x"));
    assertThrows(IllegalArgumentException.class, () -> Claim.of(" ", Criterion.lower("m", "a", "b")));
    assertThrows(IllegalArgumentException.class, () -> Criterion.lower("m", "a", "a"));
    assertThrows(IllegalArgumentException.class, () -> Criterion.atMost("m", "a", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new DemoRun().row("a", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new DemoRun().curve("p", "a", new double[0]));
    assertEquals("ece(a) <= 0.05", Criterion.atMost("ece", "a", 0.05).describe());
    assertEquals("acc(a) >= acc(b) - 0.01", Criterion.atLeast("acc", "a", "b", -0.01).describe());
    assertTrue(Criterion.atLeast("cov", "a", 0.88).test(0.9, 123));
    assertFalse(Criterion.lower("loss", "a", "b").test(1.0, 1.0));
  }

  @Test
  void docsSectionsAreReplacedInPlace(@TempDir Path dir) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    DemoReport r1 = DemoRunner.run(new Fake("x", CLAIM, (s, smoke) -> run(s)), 2, false, quiet);
    Path md = DemoDocs.write(r1, dir);
    assertEquals(dir.resolve("test.md"), md);
    DemoReport other = DemoRunner.run(new Fake("y", CLAIM, (s, smoke) -> run(s)), 2, false, quiet);
    DemoDocs.write(other, dir);
    String first = Files.readString(md);
    assertTrue(first.startsWith("# Catalog demonstrations: test\n"), first);
    assertTrue(first.indexOf("<!-- demo:x -->") < first.indexOf("<!-- demo:y -->"), first);
    assertTrue(first.contains("| method | acc | loss |\n|---|---|---|\n| a | 0.9 ± 0 | 2.5 ± 0.7071 |"), first);
    assertTrue(first.contains("**Claim** (stated before running): a lowers the loss"), first);
    assertTrue(Files.size(dir.resolve("test-x-curves.png")) > 1000);
    assertTrue(Files.size(dir.resolve("test-x-metrics.png")) > 1000);
    Claim fail = Claim.of("a raises the loss", Criterion.higher("loss", "a", "b"));
    DemoDocs.write(DemoRunner.run(new Fake("x", fail, (s, smoke) -> run(s)), 2, false, quiet), dir);
    String second = Files.readString(md);
    assertEquals(1, second.split("<!-- demo:x -->", -1).length - 1, second);
    assertTrue(second.indexOf("<!-- demo:x -->") < second.indexOf("<!-- demo:y -->"), "x keeps its place");
    assertTrue(second.contains("**FAIL: the effect was not shown in this setup**"), second);
    DemoReport smoke = DemoRunner.run(new Fake("x", CLAIM, (s, sm) -> run(s)), 1, true, quiet);
    assertEquals("demo x: a smoke run is not written to the docs", assertThrows(IllegalArgumentException.class,
        () -> DemoDocs.write(smoke, dir)).getMessage());
  }

  @Test
  void unbalancedMarkersAreAnError() {
    assertThrows(IllegalStateException.class, () -> DemoDocs.replace("<!-- demo:x -->\nno end", "x", "S"));
    assertEquals("head\n\nS\n", DemoDocs.replace("head\n", "x", "S"));
  }
}

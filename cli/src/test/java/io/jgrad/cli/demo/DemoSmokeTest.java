package io.jgrad.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered demonstration in smoke mode (one seed, its reduced setup): it runs, reports a
 * finite value for every method and metric its claim names, and its curves have one panel per
 * name with a line per method. Its numbers are not judged (that is what the full run is for).
 */
class DemoSmokeTest {
  static Stream<String> demos() { return Demos.all().stream().map(Demo::id); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demos")
  void runsAndReportsItsRows(String id) {
    Demo d = Demos.get(id);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    DemoReport r = DemoRunner.run(d, 1, true, new PrintStream(b, true, StandardCharsets.UTF_8));
    double secs = (System.nanoTime() - t0) / 1e9;
    String log = b.toString(StandardCharsets.UTF_8);
    assertTrue(secs < 60, id + ": the smoke run took " + secs + " s; keep it to seconds");
    Map<String, Map<String, Double>> rows = r.runs().get(0).rows();
    assertTrue(rows.size() >= 2, id + ": the component and at least one baseline: " + rows.keySet());
    for (Criterion c : d.claim().criteria()) {
      assertTrue(Double.isFinite(rows.get(c.method()).get(c.metric())), id + ": " + c.describe() + " is not finite\n" + log);
      if (c.baseline() != null) assertTrue(Double.isFinite(rows.get(c.baseline()).get(c.metric())), id + ": " + c.describe());
    }
    r.runs().get(0).curves().forEach((panel, lines) -> assertEquals(rows.keySet(), lines.keySet(), id + ": curves of " + panel));
    assertTrue(log.contains("smoke run: not a verdict on the claim"), log);
    for (String c : d.components()) assertFalse(c.isBlank(), id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demos")
  void statesItsClaimBeforeRunning(String id) {
    Demo d = Demos.get(id);
    assertFalse(d.claim().text().isBlank(), id);
    assertFalse(d.setup().isBlank(), id);
    assertFalse(d.title().isBlank(), id);
    assertTrue(List.of(d.family()).stream().allMatch(f -> f.matches("[a-z][a-z0-9_-]*")), d.family());
  }
}

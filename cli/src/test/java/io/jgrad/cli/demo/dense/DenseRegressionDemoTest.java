package io.jgrad.cli.demo.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jgrad.cli.demo.Demo;
import io.jgrad.cli.demo.DemoDocs;
import io.jgrad.cli.demo.DemoReport;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.cli.demo.DemoRunner;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Smoke runs of the family's demos (the reduced setups CI runs), and, with
 * {@code -Ddense.demo=ID} (or "all"), the full 3-seed run that rewrites docs/catalog/dense_regression.md.
 */
class DenseRegressionDemoTest {
  @TestFactory
  Stream<DynamicTest> smoke() {
    return new DenseRegressionDemos().demos().stream().map(d -> DynamicTest.dynamicTest(d.id(), () -> {
      DemoRun a = d.run(1, true);
      assertFalse(a.methods().isEmpty(), d.id() + " reported no method");
      assertEquals(a.methods(), d.run(2, true).methods(), d.id() + ": methods differ between seeds");
    }));
  }

  @Test
  void fullRunWhenAsked() throws Exception {
    String which = System.getProperty("dense.demo");
    if (which == null || which.isBlank()) return;
    Path root = Path.of(System.getProperty("dense.root", "..")).toAbsolutePath().normalize();
    for (Demo d : new DenseRegressionDemos().demos()) {
      if (!which.equals("all") && !which.equals(d.id())) continue;
      System.setProperty("jgrad.docs", root.resolve("docs").resolve("catalog").toString());
      DemoReport r = DemoRunner.run(d, DemoRunner.DEFAULT_SEEDS, false, System.out);
      DemoDocs.write(r, root.resolve("docs").resolve("catalog"));
    }
  }
}

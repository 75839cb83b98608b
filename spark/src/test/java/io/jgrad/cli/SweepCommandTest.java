package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.spark.SweepResult;
import io.jgrad.spark.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad sweep}: the grid from the options, the job on local[2], the Markdown table. */
class SweepCommandTest {
  @Test
  void lossesTimesProceduresTimesSeeds(@TempDir Path dir) throws Exception {
    TestSpark.context();
    Path md = dir.resolve("sweep.md");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SweepResult r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = SweepCommand.run(List.of("--spark", "local[2]", "--loss", "cross-entropy", "--loss", "label_smoothing_ce:label_smoothing=0.1",
          "--procedure", "none", "--procedure", "test_sam:rho=0.05", "--seeds", "2", "--model", "mlp", "--epochs", "1", "--out", md.toString()), out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(8, r.trials().size(), text);
    assertEquals(4, r.byConfig().size(), text);
    assertTrue(r.trials().stream().allMatch(t -> t.error() == null && t.valAccuracy() > 0.5), text);
    assertTrue(text.contains("8 trials (4 configurations x 2 seeds)"), text);
    assertTrue(Files.readString(md).startsWith("| configuration | seeds |"), Files.readString(md));
  }

  @Test
  void errors() {
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> SweepCommand.run(List.of("--loss", "mse"), System.out));
    assertTrue(m.getMessage().contains("--spark MASTER is required"), m.getMessage());
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
        () -> SweepCommand.run(List.of("--spark", "none", "--loss", "no_such_loss", "--epochs", "1"), new PrintStream(PrintStream.nullOutputStream())));
    assertTrue(l.getMessage().contains("no_such_loss"), l.getMessage());
  }
}

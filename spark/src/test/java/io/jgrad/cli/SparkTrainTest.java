package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.spark.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad train --spark local[2]} end to end on the embedded digits (the cli finds this module through ServiceLoader). */
class SparkTrainTest {
  static String run(List<String> args, TrainCommand.Result[] result) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result[0] = TrainCommand.run(Options.parse(args, Options.TRAIN_KEYS, "train"), out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void trainsTheDigitsOnTwoWorkersAndEvalReadsTheCheckpoint(@TempDir Path dir) throws Exception {
    TestSpark.context(); // the shared local[2] context: the command reuses it
    Path out = dir.resolve("run");
    TrainCommand.Result[] r = new TrainCommand.Result[1];
    String text = run(List.of("--spark", "local[2]", "--model", "mlp", "--epochs", "3", "--batch-size", "32", "--lr", "0.01",
        "--regularizer", "test_l1:weight=1e-5", "--out", out.toString()), r);
    assertTrue(text.contains("2 workers x batch 16 (global batch 32)"), text);
    assertTrue(text.contains("regularizer test_l1"), text);
    assertTrue(r[0].testAccuracy() > 0.85, "digits MLP after 3 epochs: " + r[0].testAccuracy() + "\n" + text);
    assertEquals(3, r[0].lastEpoch());
    for (String f : List.of("metrics.csv", "metrics.jsonl", "best.safetensors", "epoch-003.safetensors", "confusion.csv")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out + "\n" + text);
    }
    assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size(), "a header and one line per epoch");
    // jgrad eval rebuilds the model from the checkpoint alone (rank 0 wrote the run's description into it).
    ByteArrayOutputStream ev = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(ev, true, StandardCharsets.UTF_8)) {
      EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString()), Options.EVAL_KEYS, "eval"), p);
    }
    String e = ev.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * r[0].testAccuracy())), "eval: " + e + "\ntrain: " + text);
  }

  @Test
  void optionErrorsAreOneLine(@TempDir Path dir) {
    TestSpark.context();
    TrainCommand.Result[] r = new TrainCommand.Result[1];
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> run(List.of("--spark", "local[2]", "--epochs", "1", "--batch-size", "33", "--out", dir.toString()), r));
    assertTrue(b.getMessage().contains("--batch-size 33 must be a multiple of the 2 workers"), b.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> run(List.of("--spark", "local[2]", "--device", "opencl"), r));
    assertTrue(d.getMessage().contains("drop --device"), d.getMessage());
    IllegalArgumentException res = assertThrows(IllegalArgumentException.class, () -> run(List.of("--spark", "local[2]", "--resume", "x"), r));
    assertTrue(res.getMessage().contains("rerun the command with the same --out"), res.getMessage());
  }
}

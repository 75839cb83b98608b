package io.jgrad.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.cli.EvalCommand;
import io.jgrad.cli.Options;
import io.jgrad.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad train --spark local[2]} end to end on the embedded digits (the CLI's ServiceLoader hook finds this module). */
class SparkTrainCommandTest {
  private static TrainCommand.Result train(List<String> args, StringBuilder printed) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      TrainCommand.Result r = TrainCommand.run(Options.parse(args, Options.TRAIN_KEYS, "train"), out);
      printed.append(bytes.toString(StandardCharsets.UTF_8));
      return r;
    }
  }

  @Test
  void trainsDigitsOnTwoWorkersWritesTheRunAndEvalReadsIt(@TempDir Path dir) throws Exception {
    io.jgrad.spark.TestSpark.context(); // the shared local[2] context: the command reuses it
    Path out = dir.resolve("run");
    StringBuilder printed = new StringBuilder();
    TrainCommand.Result r = train(List.of("--spark", "local[2]", "--model", "mlp", "--epochs", "3", "--batch-size", "32", "--lr", "0.01",
        "--regularizer", "test_l1:weight=1e-5", "--out", out.toString()), printed);
    String text = printed.toString();
    assertTrue(text.contains("2 workers x batch 16 (global batch 32)"), text);
    assertTrue(text.contains("regularizer test_l1"), text);
    assertTrue(r.testAccuracy() > 0.85, "digits MLP after 3 epochs: " + r.testAccuracy() + "\n" + text);
    assertEquals(3, r.lastEpoch());
    for (String f : List.of("run.properties", "metrics.csv", "metrics.jsonl", "best.safetensors", "epoch-003.safetensors")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out);
    }
    assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size(), "a header and one line per epoch");
    // jgrad eval rebuilds the model from run.properties and reads rank 0's checkpoint.
    ByteArrayOutputStream ev = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(ev, true, StandardCharsets.UTF_8)) {
      EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("epoch-003.safetensors").toString()), Options.EVAL_KEYS, "eval"), p);
    }
    assertTrue(ev.toString(StandardCharsets.UTF_8).contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * r.testAccuracy())),
        "eval of the last checkpoint reports the same accuracy: " + ev + " vs " + r.testAccuracy());
  }

  @Test
  void optionErrorsAreOneLine(@TempDir Path dir) {
    io.jgrad.spark.TestSpark.context();
    List<String> base = new ArrayList<>(List.of("--spark", "local[2]", "--epochs", "1", "--out", dir.toString()));
    base.addAll(List.of("--batch-size", "33"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(base, new StringBuilder()));
    assertTrue(e.getMessage().contains("--batch-size 33 must be a multiple of the 2 workers"), e.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> train(List.of("--spark", "local[2]", "--device", "opencl"), new StringBuilder()));
    assertTrue(d.getMessage().contains("drop --device"), d.getMessage());
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> train(List.of("--workers", "2"), new StringBuilder()));
    assertTrue(w.getMessage().contains("--workers needs --spark"), w.getMessage());
  }
}

package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.train.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  static final List<String> RUN_FILES = List.of("best.safetensors", "epoch-004.safetensors", "metrics.csv", "metrics.jsonl", "curves.png",
      "curves.svg", "confusion.csv", "per_class.csv", "eval.json");
  @TempDir Path tmp;

  private static Options opts(String... a) { return Options.parse(List.of(a), Options.TRAIN_KEYS, "train"); }

  private static PrintStream sink(ByteArrayOutputStream b) { return new PrintStream(b, true, StandardCharsets.UTF_8); }

  @Test
  void trainsDigitsWritesFilesEvalReproducesAndResumeContinues() throws IOException {
    Path out = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = TrainCommand.run(opts("--epochs", "4", "--out", out.toString(), "--seed", "3"), sink(log));
    // The default CNN reaches ~95% on digits within 4 epochs of AdamW; chance is 10%.
    assertTrue(r.testAccuracy() > 0.85, "accuracy " + r.testAccuracy() + "\n" + log);
    assertEquals(4, r.lastEpoch());
    for (String f : RUN_FILES) {
      assertTrue(Files.size(out.resolve(f)) > 0, f + " missing in " + out + ": " + list(out));
    }
    if (RUN_FILES.contains("metrics.csv")) assertEquals(5, Files.readAllLines(out.resolve("metrics.csv")).size(), "header + 4 epochs");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("test accuracy"), log.toString());
    Path last = lastCheckpoint(out);

    // eval on the best checkpoint reproduces the test accuracy train reported for it
    ByteArrayOutputStream evalLog = new ByteArrayOutputStream();
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString()), Options.EVAL_KEYS, "eval"),
        sink(evalLog));
    assertEquals(r.testAccuracy(), m.accuracy(), 1e-9, evalLog.toString());
    assertEquals(r.testLoss(), m.loss(), 1e-4);
    assertEquals(360, m.examples());

    // resume continues at epoch 5 and trains up to 6
    ByteArrayOutputStream resumeLog = new ByteArrayOutputStream();
    TrainCommand.Result r2 = TrainCommand.run(opts("--epochs", "6", "--out", tmp.resolve("run2").toString(), "--seed", "3",
        "--resume", last.toString()), sink(resumeLog));
    assertEquals(6, r2.lastEpoch());
    assertTrue(resumeLog.toString(StandardCharsets.UTF_8).contains("resuming at 5"), resumeLog.toString());
    if (RUN_FILES.contains("metrics.csv")) {
      assertEquals(3, Files.readAllLines(tmp.resolve("run2/metrics.csv")).size(), "header + epochs 5 and 6: " + list(tmp.resolve("run2")));
    }
    assertTrue(r2.testAccuracy() > 0.85, "resumed accuracy " + r2.testAccuracy());

    // --model names the kind only for checkpoints that do not say; this one holds a cnn
    OptionsTest.assertCli(2, "the checkpoint holds cnn 1x8x8, conv3 16-32 -> 10; --model mlp does not apply", "eval", "--checkpoint",
        last.toString(), "--model", "mlp");
    // a checkpoint of another model (one without a description, read as an mlp): the error names the mismatching keys
    Path bare = LegacyCheckpointTest.strip(last, tmp.resolve("bare/model.safetensors"));
    String err = OptionsTest.assertCli(2, "does not match", "eval", "--checkpoint", bare.toString(), "--model", "mlp");
    assertTrue(err.contains("unexpected [") && err.contains("4.weight"), err);
  }

  static Path lastCheckpoint(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.safetensors")).sorted().reduce((a, b) -> b)
          .orElseThrow(() -> new AssertionError("no epoch-NNN.safetensors in " + dir));
    }
  }

  static String list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
    }
  }

  @Test
  void csvDatasetEndToEnd() throws IOException {
    // Two well-separated Gaussian blobs in 3 features, label in column 0, with a header.
    Random rnd = new Random(5);
    Path train = tmp.resolve("train.csv"), test = tmp.resolve("test.csv");
    Files.writeString(train, blobs(rnd, 200));
    Files.writeString(test, blobs(rnd, 60));
    Path out = tmp.resolve("csvrun");
    TrainCommand.Result r = TrainCommand.run(opts("--dataset", "csv", "--train", train.toString(), "--test", test.toString(),
        "--label-column", "0", "--header", "--epochs", "5", "--lr", "0.01", "--out", out.toString()), sink(new ByteArrayOutputStream()));
    assertTrue(r.testAccuracy() > 0.95, "accuracy " + r.testAccuracy());
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString()), Options.EVAL_KEYS, "eval"),
        sink(new ByteArrayOutputStream()));
    assertEquals(r.testAccuracy(), m.accuracy(), 1e-9);
  }

  private static String blobs(Random rnd, int n) {
    StringBuilder sb = new StringBuilder("label,a,b,c\n");
    for (int i = 0; i < n; i++) {
      int y = i % 3;
      sb.append(y);
      for (int j = 0; j < 3; j++) sb.append(',').append((j == y ? 3 : 0) + rnd.nextGaussian() * 0.5);
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void badCsvInputsGiveOneLineErrors() throws IOException {
    Path good = tmp.resolve("good.csv"), bad = tmp.resolve("bad.csv"), range = tmp.resolve("range.csv"), wide = tmp.resolve("wide.csv");
    Files.writeString(good, "0,1.0,2.0\n1,0.5,0.1\n0,0.2,0.3\n");
    Files.writeString(bad, "0,1.0,2.0\n1,x,0.1\n");
    Files.writeString(range, "0,1.0,2.0\n7,0.5,0.1\n");
    Files.writeString(wide, "0,1.0,2.0,3.0\n1,0.5,0.1,3.0\n");
    List<String> base = new ArrayList<>(List.of("train", "--dataset", "csv", "--label-column", "0", "--epochs", "1",
        "--out", tmp.resolve("o").toString(), "--train", good.toString(), "--test"));
    String e = OptionsTest.assertCli(2, "line 2", with(base, bad.toString()));
    assertTrue(e.contains(bad.toString()), e);
    e = OptionsTest.assertCli(2, "label '7' was never seen in training", with(base, range.toString()));
    assertTrue(e.contains("the model's classes: 0, 1"), e);
    OptionsTest.assertCli(2, "line 1: expected 2 feature columns (as in the training file " + good + "), found 3 besides the label column",
        with(base, wide.toString()));
  }

  private static String[] with(List<String> base, String last) {
    List<String> l = new ArrayList<>(base);
    l.add(last);
    return l.toArray(String[]::new);
  }

  @Test
  void fashionMnistAbsentSaysHowToGetIt() {
    OptionsTest.assertCli(2, "Fashion-MNIST not found in " + tmp + " (missing train-images-idx3-ubyte.gz): apt-get install "
        + "dataset-fashion-mnist, or pass --data-dir", "train", "--dataset", "fashion-mnist", "--data-dir", tmp.toString());
  }

  @Test
  void mlpOnDigitsLearns() throws IOException {
    TrainCommand.Result r = TrainCommand.run(opts("--model", "mlp", "--epochs", "3", "--out", tmp.resolve("mlp").toString()),
        sink(new ByteArrayOutputStream()));
    assertTrue(r.testAccuracy() > 0.8, "accuracy after 3 epochs " + r.testAccuracy());
  }
}

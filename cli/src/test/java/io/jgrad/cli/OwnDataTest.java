package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on one's own CSV files, end to end, as a user meets it. */
class OwnDataTest {
  @TempDir Path tmp;

  static TrainCommand.Result train(ByteArrayOutputStream log, String... args) throws IOException {
    return TrainCommand.run(Options.parse(List.of(args), Options.TRAIN_KEYS, "train"), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void rawFeaturesOfVeryDifferentScalesTrainWellWithTheDefaults() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 300, 1, true), te = TabularCsv.write(tmp.resolve("test.csv"), 150, 2, true);
    ByteArrayOutputStream logStd = new ByteArrayOutputStream(), logRaw = new ByteArrayOutputStream();
    String[] common = {"--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header", "--epochs", "8"};
    TrainCommand.Result std = train(logStd, concat(common, "--out", tmp.resolve("std").toString()));
    TrainCommand.Result raw = train(logRaw, concat(common, "--out", tmp.resolve("raw").toString(), "--no-standardize"));
    // income (1000..9000) carries no information; ratio and score (below 1) separate the species.
    assertTrue(std.testAccuracy() >= 0.95, "standardized (the default): " + std.testAccuracy() + "\n" + logStd);
    assertTrue(raw.testAccuracy() <= 0.7, "raw features: " + raw.testAccuracy() + "\n" + logRaw);
    assertTrue(logStd.toString(StandardCharsets.UTF_8).contains("features standardized"), logStd.toString());

    // Fitted on the training split only: the income mean is that of the 270 rows trained on, not of all 300 nor of the test rows.
    Map<String, String> meta = Checkpoint.load(tmp.resolve("std/best.safetensors")).metadata();
    double[] mean = Standardizer.split("mean", meta.get("run.standardize.mean"), 4);
    CsvTable t = CsvTable.read(tr, CsvTable.spec().header(true).label(-1));
    long[] y = LabelMap.fit(t, 0).encode(t, "?");
    ValSplit split = ValSplit.of(y, t.rows(), 3, 0.1, 42);
    assertEquals(270, split.train().length);
    double trainMean = 0, allMean = 0;
    for (long i : split.train()) trainMean += t.x()[(int) i * 4] / 270.0;
    for (int i = 0; i < 300; i++) allMean += t.x()[i * 4] / 300.0;
    assertEquals(trainMean, mean[0], 1e-6 * trainMean);
    assertNotEquals(allMean, mean[0], 1e-6 * allMean);
    assertEquals("false", Checkpoint.load(tmp.resolve("raw/best.safetensors")).metadata().get("run.standardize"));
  }

  static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void theCheckpointDescribesItsRun() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 120, 3, true), te = TabularCsv.write(tmp.resolve("test.csv"), 60, 4, true);
    train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header", "--label-column",
        "species", "--epochs", "2", "--model", "mlp", "--hidden", "256,128", "--missing", "mean", "--regularizer", "test_l2", "--out", tmp.resolve("r").toString());
    for (String f : List.of("best.safetensors", "epoch-002.safetensors")) {
      Checkpoint c = Checkpoint.load(tmp.resolve("r").resolve(f));
      Map<String, String> m = c.metadata();
      assertEquals(RunInfo.FORMAT, m.get("run.format"));
      assertEquals("classification", m.get("run.task"));
      assertEquals("csv", m.get("run.dataset"));
      assertEquals("mlp", m.get("run.model"));
      assertEquals("4", m.get("run.model.input_shape"));
      assertEquals("256,128", m.get("run.model.hidden"));
      assertEquals("3", m.get("run.model.outputs"));
      assertEquals("3", m.get("run.classes"));
      assertEquals("adelie,chinstrap,gentoo", m.get("run.labels"));
      assertEquals("income,ratio,score,noise", m.get("run.feature_names"));
      assertEquals("species", m.get("run.label_name"));
      assertEquals("true", m.get("run.standardize"));
      assertEquals("mean", m.get("run.missing"));
      assertEquals(4, m.get("run.missing.fill").split(",").length);
      assertTrue(m.get("run.loss").startsWith("cross_entropy"), m.get("run.loss"));
      assertTrue(m.get("run.regularizer.1").startsWith("test_l2"), m.get("run.regularizer.1"));
      // File paths are recorded absolute, so the checkpoint works from any directory.
      assertEquals(te.toAbsolutePath().normalize().toString(), m.get("run.option.test"));
      assertEquals(tr.toAbsolutePath().normalize().toString(), m.get("run.option.train"));
      assertEquals(Version.get(), m.get("run.version"));
      assertArrayEquals(new int[] {256, 4}, c.model().get("1.weight").shape());
      assertArrayEquals(new int[] {128, 256}, c.model().get("3.weight").shape());
      assertArrayEquals(new int[] {3, 128}, c.model().get("5.weight").shape());
    }
    assertFalse(Files.exists(tmp.resolve("r/run.properties")), "the checkpoint alone describes the run");
  }

  @Test
  void evalAndPredictNeedOnlyACopiedCheckpointFromAnyDirectory() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work")), other = Files.createDirectories(tmp.resolve("other"));
    TabularCsv.write(work.resolve("train.csv"), 150, 5, true);
    TabularCsv.write(work.resolve("test.csv"), 60, 6, true);
    // Relative paths, from the data's directory, as a user types them.
    Cli.Run tr = Cli.child(work, "train", "--dataset", "csv", "--train", "train.csv", "--test", "test.csv", "--header", "--epochs", "6",
        "--out", "run").ok();
    assertTrue(tr.out().contains("test accuracy"), tr.out());
    String acc = between(tr.out(), "test accuracy ", "%");
    Files.copy(work.resolve("run/best.safetensors"), other.resolve("model.safetensors"));
    deleteTree(work.resolve("run"));

    Cli.Run ev = Cli.child(other, "eval", "--checkpoint", "model.safetensors").ok();
    assertTrue(ev.out().contains("accuracy " + acc + "%"), "eval of the copied checkpoint gives the run's accuracy " + acc + ":\n" + ev.out());
    assertTrue(ev.out().contains("mlp 4-128-3, 3 classes, standardized features"), ev.out());
    assertTrue(Files.isRegularFile(other.resolve("eval.json")) && Files.isRegularFile(other.resolve("confusion.csv")), ev.out());

    // Unlabelled rows: the feature columns only, in another order, with an id column predict ignores.
    StringBuilder in = new StringBuilder("id,score,noise,ratio,income\n");
    List<String> rows = Files.readAllLines(work.resolve("test.csv")).subList(1, 11);
    for (int i = 0; i < rows.size(); i++) {
      String[] f = rows.get(i).split(",");
      in.append("r").append(i).append(',').append(f[2]).append(',').append(f[3]).append(',').append(f[1]).append(',').append(f[0]).append('\n');
    }
    Files.writeString(other.resolve("new.csv"), in);
    Cli.Run pr = Cli.child(other, "predict", "--checkpoint", "model.safetensors", "--input", "new.csv", "--output", "preds.csv").ok();
    assertTrue(pr.out().contains("10 rows"), pr.out());
    List<String> preds = Files.readAllLines(other.resolve("preds.csv"));
    assertEquals("row,class,label,p_adelie,p_chinstrap,p_gentoo", preds.get(0));
    assertEquals(11, preds.size());
    int right = 0;
    for (int i = 0; i < 10; i++) {
      String[] p = preds.get(i + 1).split(",");
      assertEquals(Integer.toString(i + 1), p[0]);
      assertEquals(TabularCsv.SPECIES[Integer.parseInt(p[1])], p[2]);
      double sum = Double.parseDouble(p[3]) + Double.parseDouble(p[4]) + Double.parseDouble(p[5]);
      assertEquals(1.0, sum, 2e-5, preds.get(i + 1));
      if (p[2].equals(rows.get(i).split(",")[4])) right++;
    }
    assertTrue(right >= 9, right + " of 10 right:\n" + String.join("\n", preds));
    // To standard output when --output is not given, and nothing else there.
    Cli.Run stdout = Cli.child(other, "predict", "--checkpoint", "model.safetensors", "--input", "new.csv").ok();
    assertEquals(String.join("\n", preds) + "\n", stdout.out());
  }

  static String between(String s, String a, String b) {
    int i = s.indexOf(a);
    assertTrue(i >= 0, "'" + a + "' in " + s);
    return s.substring(i + a.length(), s.indexOf(b, i + a.length()));
  }

  static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }

  @Test
  void resumeReadsTheRunFromTheCheckpoint() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 120, 7, true), te = TabularCsv.write(tmp.resolve("test.csv"), 60, 8, true);
    train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header", "--epochs", "4",
        "--hidden", "32", "--lr", "0.01", "--out", tmp.resolve("a").toString());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    // No dataset, model or optimizer options: all come from the checkpoint (the epochs too: 2 more than the 4 it recorded).
    TrainCommand.Result r = train(log, "--resume", tmp.resolve("a/epoch-004.safetensors").toString(), "--epochs", "6", "--out",
        tmp.resolve("b").toString());
    String text = log.toString(StandardCharsets.UTF_8);
    assertEquals(6, r.lastEpoch());
    assertTrue(text.contains("resuming at 5") && text.contains("mlp 4-32-3") && text.contains("lr=0.0100"), text);
    assertTrue(r.testAccuracy() >= 0.9, text);
    Map<String, String> a = Checkpoint.load(tmp.resolve("a/epoch-004.safetensors")).metadata();
    Map<String, String> b = Checkpoint.load(tmp.resolve("b/epoch-006.safetensors")).metadata();
    for (String k : List.of("run.labels", "run.standardize.mean", "run.standardize.std", "run.model.hidden", "run.option.lr", "run.option.test")) {
      assertEquals(a.get(k), b.get(k), k);
    }
    // Another architecture than the checkpoint's is one clear error.
    OptionsTest.assertCli(2, "--resume: the checkpoint holds mlp 4-32-3, these options give mlp 4-64-3", "train", "--resume",
        tmp.resolve("a/epoch-004.safetensors").toString(), "--epochs", "6", "--hidden", "64", "--out", tmp.resolve("c").toString());
    OptionsTest.assertCli(2, "--resume: the checkpoint was trained with feature standardization; drop --no-standardize", "train", "--resume",
        tmp.resolve("a/epoch-004.safetensors").toString(), "--epochs", "6", "--no-standardize", "--out", tmp.resolve("c").toString());
  }

  @Test
  void aRegressionRunDescribesItselfAndPredictsValues() throws IOException {
    Path tr = tmp.resolve("train.csv"), te = tmp.resolve("test.csv");
    RegressionTaskTest.write(tr, 600, 1);
    RegressionTaskTest.write(te, 100, 2);
    TrainCommand.Result r = train(new ByteArrayOutputStream(), "--task", "regression", "--dataset", "csv", "--train", tr.toString(), "--test",
        te.toString(), "--header", "--label-column", "target", "--epochs", "12", "--lr", "0.01", "--out", tmp.resolve("reg").toString());
    assertTrue(r.metrics().get("r2") > 0.9, r.metrics().toString());
    Map<String, String> m = Checkpoint.load(tmp.resolve("reg/best.safetensors")).metadata();
    assertEquals("regression", m.get("run.task"));
    assertEquals("target", m.get("run.target_names"));
    assertEquals("a,b,c,d,e", m.get("run.feature_names"));
    assertEquals("true", m.get("run.standardize"));
    assertEquals(null, m.get("run.labels"));
    // predict on the features alone (the header finds them by name; the target column, if present, is ignored)
    Cli.Run p = Cli.run("predict", "--checkpoint", tmp.resolve("reg/best.safetensors").toString(), "--input", te.toString()).ok();
    List<String> lines = p.out().lines().toList();
    assertEquals("row,value", lines.get(0));
    assertEquals(101, lines.size());
    List<String> rows = Files.readAllLines(te);
    double sse = 0, sst = 0, mean = 0;
    for (int i = 1; i <= 100; i++) mean += Double.parseDouble(rows.get(i).split(",")[2]) / 100;
    for (int i = 1; i <= 100; i++) {
      double y = Double.parseDouble(rows.get(i).split(",")[2]), yhat = Double.parseDouble(lines.get(i).split(",")[1]);
      sse += (y - yhat) * (y - yhat);
      sst += (y - mean) * (y - mean);
    }
    assertEquals(r.metrics().get("r2"), 1 - sse / sst, 1e-4, "predict's values are the model's: R2 as train reported");
    Cli.Run e = Cli.run("eval", "--checkpoint", tmp.resolve("reg/best.safetensors").toString()).ok();
    assertTrue(e.out().contains("regression of target, standardized features") && e.out().contains("rmse"), e.out());
  }
}

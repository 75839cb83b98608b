package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad predict} on unlabelled rows: the output, the layouts it accepts, and its errors. */
class PredictCommandTest {
  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void trainOnce() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 150, 11, true), te = TabularCsv.write(tmp.resolve("test.csv"), 30, 12, true);
    OwnDataTest.train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header",
        "--epochs", "6", "--out", tmp.resolve("run").toString());
    model = tmp.resolve("run/best.safetensors");
  }

  /** The test rows' features (no label column), with or without the header. */
  static String features(int rows, boolean header) throws IOException {
    List<String> lines = Files.readAllLines(tmp.resolve("test.csv"));
    StringBuilder sb = new StringBuilder(header ? "income,ratio,score,noise\n" : "");
    for (String l : lines.subList(1, 1 + rows)) sb.append(l, 0, l.lastIndexOf(',')).append('\n');
    return sb.toString();
  }

  @Test
  void headerOrNotTheSameRowsGetTheSamePredictions() throws IOException {
    Path a = Files.writeString(tmp.resolve("a.csv"), features(12, true)), b = Files.writeString(tmp.resolve("b.csv"), features(12, false));
    Cli.Run ra = Cli.run("predict", "--checkpoint", model.toString(), "--input", a.toString()).ok();
    Cli.Run rb = Cli.run("predict", "--checkpoint", model.toString(), "--input", b.toString()).ok();
    assertEquals(ra.out(), rb.out(), "the header is detected; without one the first row is data");
    assertEquals(13, ra.out().split("\n").length);
    // A labelled file: the label column is ignored by name (header) or skipped with --label-column (no header).
    Cli.Run rc = Cli.run("predict", "--checkpoint", model.toString(), "--input", tmp.resolve("test.csv").toString()).ok();
    assertTrue(rc.out().startsWith(ra.out()), "the labelled test file's first 12 rows predict the same");
    Path noHeader = Files.writeString(tmp.resolve("c.csv"), String.join("\n", Files.readAllLines(tmp.resolve("test.csv")).subList(1, 13)) + "\n");
    Cli.Run rd = Cli.run("predict", "--checkpoint", model.toString(), "--input", noHeader.toString(), "--label-column", "-1").ok();
    assertEquals(ra.out(), rd.out());
    // The in-process result agrees with the file, and the predicted classes are the test labels (the data are separable).
    PredictCommand.Result r = PredictCommand.run(Options.parse(List.of("--checkpoint", model.toString(), "--input", noHeader.toString(),
        "--label-column", "-1", "--output", tmp.resolve("p.csv").toString()), Options.PREDICT_KEYS, "predict"), System.out);
    assertEquals(12, r.rows());
    int[] expected = new int[12];
    for (int i = 0; i < 12; i++) expected[i] = i % 3;
    assertArrayEquals(expected, r.classes());
  }

  @Test
  void wrongLayoutsNameTheExpectedAndActualCountsAndTheLine() throws IOException {
    String rows = features(5, false);
    Path three = Files.writeString(tmp.resolve("three.csv"), rows.replaceAll("(?m)^[^,]*,", ""));
    OptionsTest.assertCli(2, "CSV " + three + " line 1: expected 4 feature columns (the model's input features), found 3 (3 fields)",
        "predict", "--checkpoint", model.toString(), "--input", three.toString());
    Path ragged = Files.writeString(tmp.resolve("ragged.csv"), rows.replaceFirst("(?s)((?:[^\n]*\n){2})", "$1" + "9,"));
    OptionsTest.assertCli(2, "CSV " + ragged + " line 3: expected 4 fields (as on the first line), found 5", "predict", "--checkpoint",
        model.toString(), "--input", ragged.toString());
    Path renamed = Files.writeString(tmp.resolve("renamed.csv"), "income,ratio,SCORE,noise\n" + rows);
    OptionsTest.assertCli(2, "line 1: no column score in the header (the model's input features: income, ratio, score, noise; the header: "
        + "income, ratio, SCORE, noise)", "predict", "--checkpoint", model.toString(), "--input", renamed.toString());
    Path missing = Files.writeString(tmp.resolve("missing.csv"), CsvInputTest.withCell(rows, 2, 1, ""));
    OptionsTest.assertCli(2, "CSV " + missing + " line 3, column 2: empty cell", "predict", "--checkpoint", model.toString(), "--input",
        missing.toString());
    OptionsTest.assertCli(2, "jgrad predict: needs --input FILE", "predict", "--checkpoint", model.toString());
    OptionsTest.assertCli(2, "--input: file not found: " + tmp.resolve("nope.csv"), "predict", "--checkpoint", model.toString(), "--input",
        tmp.resolve("nope.csv").toString());
  }

  @Test
  void aDropRunLeavesRowsWithMissingCellsEmpty() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("dtrain.csv"), 60, 13, true);
    OwnDataTest.train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--header", "--epochs", "1", "--missing",
        "drop", "--out", tmp.resolve("drop").toString());
    Path in = Files.writeString(tmp.resolve("d.csv"), CsvInputTest.withCell(features(4, true), 2, 0, "nan"));
    String[] lines = Cli.run("predict", "--checkpoint", tmp.resolve("drop/best.safetensors").toString(), "--input", in.toString()).ok().out()
        .split("\n");
    assertEquals(5, lines.length);
    assertEquals("2,,,,,", lines[2]);
    assertTrue(lines[1].matches("1,\\d,\\w+,[0-9.]+,[0-9.]+,[0-9.]+"), lines[1]);
  }

  /** A checkpoint whose task is regression: predict writes the model's raw outputs as values, one column per output. */
  @Test
  void aRegressionCheckpointGetsValues() throws IOException {
    io.jgrad.nn.io.Checkpoint c = io.jgrad.nn.io.Checkpoint.load(model);
    java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
    meta.put("run.task", "regression");
    meta.remove("run.labels");
    meta.remove("run.classes");
    Path reg = tmp.resolve("reg.safetensors");
    new io.jgrad.nn.io.Checkpoint(c.model(), c.optimizer(), c.step(), c.seed(), c.rngOffset(), meta, c.modules()).save(reg);
    Path in = Files.writeString(tmp.resolve("r.csv"), features(3, true));
    String[] values = Cli.run("predict", "--checkpoint", reg.toString(), "--input", in.toString()).ok().out().split("\n");
    String[] probs = Cli.run("predict", "--checkpoint", model.toString(), "--input", in.toString()).ok().out().split("\n");
    assertEquals("row,value_1,value_2,value_3", values[0]);
    for (int r = 1; r <= 3; r++) {
      String[] v = values[r].split(","), p = probs[r].split(",");
      // softmax of the values gives the classification run's probabilities
      double[] z = {Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3])};
      double m = Math.max(z[0], Math.max(z[1], z[2])), sum = 0;
      for (double x : z) sum += Math.exp(x - m);
      for (int k = 0; k < 3; k++) assertEquals(Double.parseDouble(p[3 + k]), Math.exp(z[k] - m) / sum, 2e-6, values[r] + " vs " + probs[r]);
    }
  }
}

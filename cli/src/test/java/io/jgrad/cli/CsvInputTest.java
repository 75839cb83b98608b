package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as users have them: class names as labels, missing and non-finite cells, labels the model does not know. */
class CsvInputTest {
  @TempDir Path tmp;

  private Path file(String name, String text) throws IOException { return Files.writeString(tmp.resolve(name), text); }

  private String[] trainArgs(Path train, Path test, String... more) {
    return OwnDataTest.concat(new String[] {"train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--header",
        "--epochs", "1", "--out", tmp.resolve("o").toString()}, more);
  }

  @Test
  void stringLabelsGetASortedLabelMapSavedWithTheCheckpoint() throws IOException {
    LabelMap m = LabelMap.fit(CsvTable.read(file("l.csv", "x,label\n1,gentoo\n2,adelie\n3,chinstrap\n4,adelie\n"),
        CsvTable.spec().header(true).label(-1)), 0);
    assertEquals(List.of("adelie", "chinstrap", "gentoo"), m.names());
    // Integer labels sort as numbers, in any spelling.
    LabelMap n = LabelMap.fit(CsvTable.read(file("n.csv", "1,10\n2,2\n3,1.0\n4, 2\n"), CsvTable.spec().label(-1)), 0);
    assertEquals(List.of("1", "2", "10"), n.names());
    assertEquals(0, n.indexOf("1.0"));
    assertEquals(2, n.indexOf("10"));
    // A declared --classes K: the labels 0..K-1, classes without a training example allowed.
    assertEquals(List.of("0", "1", "2", "3"), LabelMap.fit(CsvTable.read(file("d.csv", "1,0\n2,2\n"), CsvTable.spec().label(-1)), 4).names());

    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 90, 1, true), te = TabularCsv.write(tmp.resolve("test.csv"), 30, 2, true);
    Cli.run(trainArgs(tr, te)).ok();
    assertEquals("adelie,chinstrap,gentoo", Checkpoint.load(tmp.resolve("o/best.safetensors")).metadata().get("run.labels"));
  }

  @Test
  void labelsOutsideTheTrainingClassesAreErrorsNotNewClasses() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 90, 1, true);
    Path te = file("test.csv", TabularCsv.rows(5, 2, true) + "1.0,0.5,0.5,0.5,emperor\n");
    OptionsTest.assertCli(2, "CSV " + te + " line 7: label 'emperor' was never seen in training (the model's classes: adelie, chinstrap, gentoo)",
        trainArgs(tr, te));
    // A declared --classes: a training label outside 0..K-1 is an error naming the line.
    Path a = file("a.csv", "0.1,0\n0.2,1\n0.3,2\n0.4,1\n"), b = file("b.csv", "0.1,0\n0.2,1\n");
    String[] args = {"train", "--dataset", "csv", "--train", a.toString(), "--test", b.toString(), "--classes", "2", "--epochs", "1", "--out",
        tmp.resolve("p").toString()};
    OptionsTest.assertCli(2, "CSV " + a + " line 3: label '2' is outside --classes 2 (labels 0..1)", args);
    // Without --classes, a test label the training never had is refused too (here the integer 5).
    Path c = file("c.csv", "0.1,0\n0.2,5\n");
    OptionsTest.assertCli(2, "CSV " + c + " line 2: label '5' was never seen in training (the model's classes: 0, 1, 2)",
        "train", "--dataset", "csv", "--train", a.toString(), "--test", c.toString(), "--epochs", "1", "--out", tmp.resolve("q").toString());
    OptionsTest.assertCli(2, "a classification needs at least 2 classes, but every label is 'x'", "train", "--dataset", "csv", "--train",
        file("one.csv", "1,x\n2,x\n").toString(), "--epochs", "1", "--out", tmp.resolve("r").toString());
  }

  @Test
  void nanInfAndEmptyCellsAreRefusedWithLineAndColumn() throws IOException {
    Path te = TabularCsv.write(tmp.resolve("test.csv"), 30, 2, true);
    String good = TabularCsv.rows(30, 1, true);
    String[][] cases = {
        {"NaN", "line 4, column 2 (ratio): 'NaN' is a missing value"},
        {"inf", "line 4, column 2 (ratio): 'inf' is not a finite number"},
        {"-Infinity", "line 4, column 2 (ratio): '-Infinity' is not a finite number"},
        {"", "line 4, column 2 (ratio): empty cell"},
        {"1e99", "line 4, column 2 (ratio): '1e99' is beyond the float32 range"},
        {"abc", "line 4, column 2 (ratio): 'abc' is not a number"},
    };
    for (String[] c : cases) {
      Path tr = file("bad.csv", withCell(good, 3, 1, c[0]));
      String e = OptionsTest.assertCli(2, "CSV " + tr + " " + c[1], trainArgs(tr, te));
      if (!c[0].equals("abc") && !c[0].equals("1e99")) assertTrue(e.contains("pass --missing drop") && e.contains("--missing mean"), e);
    }
    OptionsTest.assertCli(2, "line 1, column 1: 'income' is not a number (is line 1 a header? pass --header)", "train", "--dataset", "csv",
        "--train", te.toString(), "--epochs", "1", "--out", tmp.resolve("h").toString());
    OptionsTest.assertCli(2, "--missing must be one of error|drop|mean, got 'zero'", trainArgs(te, te, "--missing", "zero"));
    OptionsTest.assertCli(2, "line 5: expected 5 fields (as on the first line), found 4", trainArgs(file("short.csv",
        TabularCsv.rows(6, 1, true).replaceFirst("(?s)((?:[^\n]*\n){4})([^,]*),", "$1")), te));
  }

  private static String[] rest(String[] a) { return java.util.Arrays.copyOfRange(a, 1, a.length); }

  /** {@code csv} with data row {@code row} (1-based, after the header), column {@code col} (0-based) set to {@code v}. */
  static String withCell(String csv, int row, int col, String v) {
    String[] lines = csv.split("\n", -1);
    String[] f = lines[row].split(",", -1);
    f[col] = v;
    lines[row] = String.join(",", f);
    return String.join("\n", lines);
  }

  @Test
  void missingDropAndMeanPolicies() throws IOException {
    String rows = TabularCsv.rows(60, 1, true);
    rows = withCell(withCell(withCell(rows, 3, 1, ""), 10, 2, "NaN"), 11, 0, "inf");
    Path tr = file("train.csv", rows), te = file("test.csv", withCell(TabularCsv.rows(30, 2, true), 2, 3, "NA"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    OwnDataTest.train(log, rest(trainArgs(tr, te, "--missing", "drop", "--epochs", "2")));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("3 rows of train.csv with missing values dropped") && text.contains("1 rows of test.csv"), text);
    // 57 rows left, 19 per species; a stratified tenth (6) validates.
    assertTrue(text.contains("51 train / 6 validation / 29 test"), text);

    // mean: the fill values are the training split's column means over the present cells, saved and used by eval.
    log.reset();
    OwnDataTest.train(log, rest(trainArgs(tr, te, "--missing", "mean", "--val-split", "0", "--epochs", "2")));
    Map<String, String> meta = Checkpoint.load(tmp.resolve("o/best.safetensors")).metadata();
    double[] fill = Standardizer.split("fill", meta.get("run.missing.fill"), 4);
    CsvTable t = CsvTable.read(tr, CsvTable.spec().header(true).label(-1).missing(MissingPolicy.MEAN));
    for (int j = 0; j < 4; j++) {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < t.rows(); i++) {
        float v = t.x()[i * 4 + j];
        if (!Float.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      assertEquals(j == 3 ? 60 : 59, n, "present cells of column " + j);
      assertEquals(sum / n, fill[j], 1e-9 * Math.abs(sum / n), "column " + j);
    }
    Cli.Run ev = Cli.run("eval", "--checkpoint", tmp.resolve("o/best.safetensors").toString()).ok();
    assertTrue(ev.out().contains("(30 examples)"), "the test row with NA is filled, not dropped: " + ev.out());
  }
}

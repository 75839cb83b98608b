package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confusion matrix and per-class precision, recall and F1 of {@code eval} (and of {@code train}'s final report). */
class EvalReportTest {
  @TempDir Path tmp;

  /** scikit-learn's classification_report documentation example: y_true [0, 1, 2, 2, 2], y_pred [0, 0, 2, 2, 1]. */
  @Test
  void matchesScikitLearnsDocumentedExample() {
    long[][] cm = {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}};
    ClassReport r = ClassReport.of(cm, List.of("class 0", "class 1", "class 2"));
    // sklearn prints: class 0 0.50 1.00 0.67 1; class 1 0.00 0.00 0.00 1; class 2 1.00 0.67 0.80 3;
    // accuracy 0.60; macro avg 0.50 0.56 0.49; weighted avg 0.70 0.60 0.61.
    double[][] expected = {{0.5, 1.0, 2.0 / 3}, {0, 0, 0}, {1.0, 2.0 / 3, 0.8}};
    for (int k = 0; k < 3; k++) assertArrayEquals(expected[k], r.perClass()[k], 1e-12, "class " + k);
    assertArrayEquals(new long[] {1, 1, 3}, r.support());
    assertEquals(0.6, r.accuracy(), 1e-12);
    assertArrayEquals(new double[] {0.5, 5.0 / 9, 22.0 / 45}, r.macro(), 1e-12);
    assertArrayEquals(new double[] {0.7, 0.6, 0.61333333333333333}, r.weighted(), 1e-12);
    // A class that is neither true nor predicted does not count in the macro average (sklearn's labels=None).
    long[][] wider = {{1, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 2, 0}, {0, 0, 0, 0}};
    assertArrayEquals(r.macro(), ClassReport.of(wider, null).macro(), 1e-12);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    r.print(new PrintStream(b, true, StandardCharsets.UTF_8), 20);
    String s = b.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("     class 2    1.0000    0.6667    0.8000         3"), s);
    assertTrue(s.contains("   macro avg    0.5000    0.5556    0.4889         5"), s);
    assertTrue(s.contains("     class 2        0        1        2"), s);
  }

  @Test
  void evalPrintsAndWritesTheReport() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 90, 21, true);
    // The test set: 30 rows, one species' ratio moved into another's so that some rows are confused.
    String test = TabularCsv.rows(30, 22, true).replaceAll("(?m)^([^,]*),[^,]*,([^,]*),([^,]*),gentoo$", "$1,0.5,0.3,$3,gentoo");
    Path te = Files.writeString(tmp.resolve("test.csv"), test);
    Cli.Run t = Cli.run("train", "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header", "--epochs", "8", "--out",
        tmp.resolve("run").toString()).ok();
    assertTrue(t.out().contains("confusion matrix (rows: true class, columns: predicted)"), t.out());
    assertTrue(Files.isRegularFile(tmp.resolve("run/confusion.csv")), "train reports the best checkpoint on the test set");

    Cli.Run e = Cli.run("eval", "--checkpoint", tmp.resolve("run/best.safetensors").toString(), "--out", tmp.resolve("rep").toString()).ok();
    List<String> cm = Files.readAllLines(tmp.resolve("rep/confusion.csv"));
    assertEquals("true\\predicted,adelie,chinstrap,gentoo", cm.get(0));
    long total = 0, diag = 0;
    for (int i = 1; i <= 3; i++) {
      String[] f = cm.get(i).split(",");
      assertEquals(TabularCsv.SPECIES[i - 1], f[0]);
      long rowSum = 0;
      for (int j = 1; j <= 3; j++) rowSum += Long.parseLong(f[j]);
      assertEquals(10, rowSum, "10 test rows of each species");
      total += rowSum;
      diag += Long.parseLong(f[i]);
    }
    assertEquals(30, total);
    assertTrue(Long.parseLong(cm.get(3).split(",")[3]) < 10, "gentoo rows moved onto chinstrap's features are confused: " + cm);
    String acc = OwnDataTest.between(e.out(), "accuracy ", "%");
    assertEquals(100.0 * diag / 30, Double.parseDouble(acc), 0.006);
    List<String> pc = Files.readAllLines(tmp.resolve("rep/per_class.csv"));
    assertEquals("class,precision,recall,f1,support", pc.get(0));
    assertEquals(List.of("adelie", "chinstrap", "gentoo", "macro avg", "weighted avg"), pc.subList(1, 6).stream().map(l -> l.split(",")[0]).toList());
    String json = Files.readString(tmp.resolve("rep/eval.json"));
    for (String key : List.of("\"checkpoint\"", "\"loss\"", "\"accuracy\"", "\"per_class\"", "\"macro_avg\"", "\"weighted_avg\"",
        "\"confusion_matrix\"", "\"labels\": [\"adelie\", \"chinstrap\", \"gentoo\"]")) {
      assertTrue(json.contains(key), key + " in " + json);
    }
    assertTrue(e.out().contains("weighted avg") && e.out().contains("report:"), e.out());
  }
}

package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --val-split}: stratified, seeded, disjoint from what is trained on; it picks the best checkpoint, the test set only reports. */
class ValSplitTest {
  @TempDir Path tmp;

  @Test
  void stratifiedSeededAndDisjoint() {
    Random r = new Random(1);
    long[] y = new long[1000];
    for (int i = 0; i < y.length; i++) y[i] = r.nextDouble() < 0.8 ? 0 : r.nextDouble() < 0.75 ? 1 : 2;
    long[] perClass = new long[3];
    for (long v : y) perClass[(int) v]++;
    ValSplit s = ValSplit.of(y, y.length, 3, 0.1, 42);
    assertEquals(100, s.val().length);
    assertEquals(900, s.train().length);
    long[] valPer = new long[3];
    for (long i : s.val()) valPer[(int) y[(int) i]]++;
    for (int c = 0; c < 3; c++) assertEquals(perClass[c] / 10.0, valPer[c], 1.0, "class " + c + " gives a tenth of its " + perClass[c]);
    long[] all = new long[1000];
    System.arraycopy(s.train(), 0, all, 0, 900);
    System.arraycopy(s.val(), 0, all, 900, 100);
    Arrays.sort(all);
    for (int i = 0; i < 1000; i++) assertEquals(i, all[i], "every example exactly once");
    assertArrayEquals(s.val(), ValSplit.of(y, y.length, 3, 0.1, 42).val(), "seeded");
    assertFalse(Arrays.equals(s.val(), ValSplit.of(y, y.length, 3, 0.1, 43).val()), "another seed, another split");
    // A class of one example stays in training; fraction 0 holds out nothing.
    ValSplit tiny = ValSplit.of(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 10, 2, 0.2, 1);
    assertEquals(2, tiny.val().length);
    assertTrue(Arrays.stream(tiny.val()).allMatch(i -> i < 9), "the only example of class 1 is trained on");
    assertEquals(0, ValSplit.of(y, y.length, 3, 0, 1).val().length);
    var e = assertThrows(IllegalArgumentException.class, () -> ValSplit.of(new long[] {0, 1, 0, 1}, 4, 2, 0.1, 1));
    assertTrue(e.getMessage().contains("--val-split 0.1 of 4 training examples holds out none"), e.getMessage());
  }

  @Test
  void theValidationSplitPicksTheBestCheckpointAndTheTestSetOnlyReports() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 200, 31, true), te = TabularCsv.write(tmp.resolve("test.csv"), 90, 32, true);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = OwnDataTest.train(log, "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header",
        "--epochs", "3", "--val-split", "0.25", "--out", tmp.resolve("v").toString());
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("150 train / 50 validation / 90 test examples"), text);
    // metrics.csv holds the validation set's numbers: 50 examples, so accuracies are multiples of 1/50, and not the test loss.
    List<String> rows = Files.readAllLines(tmp.resolve("v/metrics.csv"));
    assertEquals(4, rows.size());
    for (String row : rows.subList(1, 4)) {
      double valAcc = Double.parseDouble(row.split(",")[4]);
      assertEquals(0, Math.abs(valAcc * 50 - Math.rint(valAcc * 50)), 1e-9, row);
    }
    double bestValLoss = Double.POSITIVE_INFINITY;
    for (String row : rows.subList(1, 4)) bestValLoss = Math.min(bestValLoss, Double.parseDouble(row.split(",")[3]));
    var best = io.jgrad.nn.io.Checkpoint.load(tmp.resolve("v/best.safetensors")).metadata();
    assertEquals(bestValLoss, Double.parseDouble(best.get("train.val_loss")), 0, "best.safetensors is the epoch of the lowest validation loss");
    assertTrue(Math.abs(r.testLoss() - bestValLoss) > 1e-9, "the test set is not the validation set");
    assertTrue(text.indexOf("test accuracy") > text.lastIndexOf("epoch 3/3"), "the test set is reported at the end only");
    OptionsTest.assertCli(2, "--val-split must be a number in [0.0, 1.0), got '1'", "train", "--val-split", "1");
  }
}

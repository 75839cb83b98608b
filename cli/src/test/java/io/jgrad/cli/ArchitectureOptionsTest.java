package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --hidden}, {@code --channels}, {@code --kernel} and {@code --early-stopping}. */
class ArchitectureOptionsTest {
  @TempDir Path tmp;

  @Test
  void cnnChannelsAndKernelBuildTheNetworkEvalRebuilds() throws IOException {
    TrainCommand.Result r = OwnDataTest.train(new ByteArrayOutputStream(), "--model", "cnn", "--channels", "8,16", "--kernel", "5", "--epochs", "1",
        "--out", tmp.resolve("c").toString());
    Checkpoint c = Checkpoint.load(tmp.resolve("c/best.safetensors"));
    assertArrayEquals(new int[] {8, 1, 5, 5}, c.model().get("1.weight").shape());
    assertArrayEquals(new int[] {16, 8, 5, 5}, c.model().get("4.weight").shape());
    assertArrayEquals(new int[] {10, 16 * 2 * 2}, c.model().get("8.weight").shape());
    assertEquals("8,16", c.metadata().get("run.model.channels"));
    assertEquals("5", c.metadata().get("run.model.kernel"));
    Cli.Run e = Cli.run("eval", "--checkpoint", tmp.resolve("c/best.safetensors").toString()).ok();
    assertTrue(e.out().contains("cnn 1x8x8, conv5 8-16 -> 10"), e.out());
    assertEquals(String.format(Locale.ROOT, "%.2f", 100 * r.testAccuracy()), OwnDataTest.between(e.out(), "accuracy ", "%"));
  }

  @Test
  void badArchitectureOptionsAreOneLineErrors() {
    OptionsTest.assertCli(2, "--kernel must be odd (padding kernel/2 keeps the image size), got 4", "train", "--kernel", "4");
    OptionsTest.assertCli(2, "--hidden must be comma-separated positive integers (e.g. 256,128), got '256,0'", "train", "--model", "mlp",
        "--hidden", "256,0");
    OptionsTest.assertCli(2, "--hidden is an option of --model mlp", "train", "--model", "cnn", "--hidden", "64");
    OptionsTest.assertCli(2, "--channels and --kernel are options of --model cnn", "train", "--model", "mlp", "--channels", "8");
    OptionsTest.assertCli(2, "needs images of at least 16x16, got 8x8", "train", "--channels", "8,8,8,8");
    OptionsTest.assertCli(2, "--early-stopping must be a positive integer, got '0'", "train", "--early-stopping", "0");
    OptionsTest.assertCli(2, "--missing is an option of --dataset csv (this run reads digits)", "train", "--missing", "mean");
  }

  @Test
  void aLinearModelAndEarlyStopping() throws IOException {
    // Labels independent of the features: validation loss gets worse while the training loss falls.
    Random rnd = new Random(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 20; j++) sb.append(String.format(Locale.ROOT, "%.3f,", rnd.nextGaussian()));
      sb.append(rnd.nextInt(2)).append('\n');
    }
    Path f = Files.writeString(tmp.resolve("noise.csv"), sb);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = OwnDataTest.train(log, "--dataset", "csv", "--train", f.toString(), "--hidden", "256", "--lr", "0.02", "--epochs",
        "40", "--early-stopping", "2", "--val-split", "0.3", "--out", tmp.resolve("es").toString());
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(r.lastEpoch() < 40, "stopped before 40 epochs: " + text);
    assertTrue(text.contains("stopped early: early stopping: val_loss did not improve by more than 0.0 for 2 epochs"), text);
    assertTrue(text.contains("no test set (--test FILE): the best checkpoint (epoch " + (r.lastEpoch() - 2) + ", val_loss "), text);
    assertTrue(text.contains("early stopping after 2 epochs without a better val_loss"), text);

    OwnDataTest.train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", f.toString(), "--hidden", "none", "--epochs", "1", "--out",
        tmp.resolve("lin").toString());
    Checkpoint c = Checkpoint.load(tmp.resolve("lin/best.safetensors"));
    assertEquals(java.util.Set.of("1.weight", "1.bias"), c.model().keySet(), "--hidden none: logistic regression");
    assertArrayEquals(new int[] {2, 20}, c.model().get("1.weight").shape());
  }
}

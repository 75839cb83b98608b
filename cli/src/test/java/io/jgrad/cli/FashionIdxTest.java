package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.train.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dataset fashion-mnist on small generated IDX files (the real ones are not needed for the code path). */
class FashionIdxTest {
  @TempDir Path tmp;

  @Test
  void trainsAndEvaluatesOnIdxFilesAndRejectsBadLabels() throws IOException {
    // Class k: a bright horizontal band at rows 2k..2k+3 of a 12x12 image; 3 classes.
    write(tmp, 60, 0);
    Path out = tmp.resolve("run");
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    TrainCommand.Result r = TrainCommand.run(Options.parse(List.of("--dataset", "fashion-mnist", "--data-dir", tmp.toString(),
        "--model", "cnn", "--epochs", "3", "--lr", "0.01", "--out", out.toString()), Options.TRAIN_KEYS, "train"), sink);
    assertTrue(r.testAccuracy() > 0.9, "accuracy " + r.testAccuracy());
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString()),
        Options.EVAL_KEYS, "eval"), sink);
    assertEquals(60, m.examples());

    write(tmp, 20, 12);  // a label 12 >= 10 classes
    OptionsTest.assertCli(2, "label 12 of example", "train", "--dataset", "fashion-mnist", "--data-dir", tmp.toString(), "--out",
        tmp.resolve("o2").toString());
  }

  private static void write(Path dir, int n, int badLabel) throws IOException {
    int h = 12;
    byte[] px = new byte[n * h * h];
    byte[] y = new byte[n];
    for (int i = 0; i < n; i++) {
      int k = i % 3;
      y[i] = (byte) (badLabel > 0 && i == n - 1 ? badLabel : k);
      for (int r = 2 * k; r < 2 * k + 4; r++) for (int c = 0; c < h; c++) px[i * h * h + r * h + c] = (byte) 200;
    }
    for (String split : List.of("train", "t10k")) {
      try (DataOutputStream d = gz(dir.resolve(split + "-images-idx3-ubyte.gz"))) {
        d.writeInt(0x0803); d.writeInt(n); d.writeInt(h); d.writeInt(h); d.write(px);
      }
      try (DataOutputStream d = gz(dir.resolve(split + "-labels-idx1-ubyte.gz"))) {
        d.writeInt(0x0801); d.writeInt(n); d.write(y);
      }
    }
  }

  private static DataOutputStream gz(Path p) throws IOException {
    OutputStream o = Files.newOutputStream(p);
    return new DataOutputStream(new GZIPOutputStream(o));
  }
}

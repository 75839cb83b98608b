package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed run continues the stateful loss's state (ELR's per-example targets) where the checkpoint left it. */
class StatefulResumeTest {
  @TempDir Path tmp;

  private static TrainCommand.Result train(Path out, int epochs, String... extra) throws IOException {
    List<String> a = new java.util.ArrayList<>(List.of("--model", "mlp", "--loss", "elr_loss", "--schedule", "none", "--epochs", Integer.toString(epochs),
        "--seed", "5", "--out", out.toString()));
    a.addAll(List.of(extra));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    return TrainCommand.run(Options.parse(a, Options.TRAIN_KEYS, "train"), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /** No schedule: a schedule's length depends on --epochs, so a 2-epoch run is not the first 2 epochs of a 3-epoch one. */
  @Test
  void resumedRunMatchesTheUninterruptedOne() throws IOException {
    train(tmp.resolve("whole"), 3);
    train(tmp.resolve("first"), 2);
    train(tmp.resolve("rest"), 3, "--resume", tmp.resolve("first/epoch-002.safetensors").toString());

    Map<String, Tensor> whole = Checkpoint.load(tmp.resolve("whole/epoch-003.safetensors")).modules();
    Map<String, Tensor> resumed = Checkpoint.load(tmp.resolve("rest/epoch-003.safetensors")).modules();
    Map<String, Tensor> before = Checkpoint.load(tmp.resolve("first/epoch-002.safetensors")).modules();
    Map<String, Tensor> wholeModel = Checkpoint.load(tmp.resolve("whole/epoch-003.safetensors")).model();
    Map<String, Tensor> resumedModel = Checkpoint.load(tmp.resolve("rest/epoch-003.safetensors")).model();
    for (String k : wholeModel.keySet()) {
      double d = wholeModel.get(k).sub(resumedModel.get(k)).abs().max().item();
      assertTrue(d < 1e-5, "model " + k + ": resumed weights differ from the uninterrupted run's by " + d);
    }
    assertFalse(whole.isEmpty(), "elr_loss keeps its targets in the checkpoint");
    assertEquals(whole.keySet(), resumed.keySet());
    for (String k : whole.keySet()) {
      double[] w = whole.get(k).toDoubleArray();
      double[] r = resumed.get(k).toDoubleArray();
      double[] b = before.get(k).toDoubleArray();
      double maxDiff = 0;
      double moved = 0;
      for (int i = 0; i < w.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(w[i] - r[i]));
        moved = Math.max(moved, Math.abs(w[i] - b[i]));
      }
      // Restarting the targets from zero moves them by about beta times their size; rounding, by ulps.
      assertTrue(moved > 1e-3, k + " did not change in epoch 3 (" + moved + "): the test would not see a lost state");
      assertTrue(maxDiff < 1e-4, k + ": resumed state differs from the uninterrupted run's by " + maxDiff);
    }
  }
}

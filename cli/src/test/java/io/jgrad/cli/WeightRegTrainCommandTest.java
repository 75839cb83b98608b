package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.SafeTensors;
import io.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weight regularizers through {@code jgrad train --regularizer} and {@code --procedure}: a
 * post-step proximal regularizer leaves exact zeros in the saved weights, and ART's recorded
 * spec round-trips through the checkpoint's run description.
 */
class WeightRegTrainCommandTest {
  @TempDir Path tmp;

  static String train(Path out, String... extra) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("--model", "mlp", "--epochs", "1", "--batch-size", "128", "--out", out.toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    TrainCommand.run(Options.parse(args, Options.TRAIN_KEYS, "train"), new PrintStream(text));
    return text.toString();
  }

  @Test
  void proximalL1StepZeroesWeightsThroughTheCli() throws IOException {
    Path out = tmp.resolve("prox");
    train(out, "--regularizer", "proximal_l1_step:lambda=20", "--regularizer", "nuclear_norm_regularizer:lambda=1e-3");
    Map<String, Tensor> saved = SafeTensors.read(out.resolve("epoch-001.safetensors")).tensors();
    long zeros = 0, total = 0;
    for (Map.Entry<String, Tensor> e : saved.entrySet()) {
      if (!e.getKey().endsWith("1.weight") && !e.getKey().endsWith("3.weight")) continue;
      for (double v : e.getValue().toDoubleArray()) if (v == 0) zeros++;
      total += e.getValue().numel();
    }
    assertTrue(total > 0, "found the Linear weights in " + saved.keySet());
    assertTrue(zeros > total / 2, "the L1 proximal step leaves exact zeros: " + zeros + " of " + total);
    assertEquals("proximal_l1_step:lambda=20.0,select=weights", Checkpoint.load(out.resolve("epoch-001.safetensors")).metadata().get("run.regularizer.1"));
  }

  @Test
  void artRunsAsAProcedure() throws IOException {
    Path out = tmp.resolve("art");
    String log = train(out, "--procedure", "art_schedule:warmup_epochs=0,lambda_init=1e-3,prune_rate=0.5");
    assertTrue(log.contains("procedure art_schedule:prune_rate=0.5"), log);
    assertEquals("art_schedule:prune_rate=0.5,lambda_init=0.001,eta=1.05,warmup_epochs=0,size_model_buffer=1,select=weights",
        Checkpoint.load(out.resolve("epoch-001.safetensors")).metadata().get("run.procedure"));
  }
}

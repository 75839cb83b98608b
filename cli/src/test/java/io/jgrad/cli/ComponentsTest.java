package io.jgrad.cli;

import static io.jgrad.cli.OptionsTest.assertCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
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

/** {@code --loss}, {@code --regularizer} and {@code --procedure} of {@code jgrad train}, and eval's rebuilt objective. */
class ComponentsTest {
  @TempDir Path tmp;

  static Components parse(String... args) { return Components.parse(Options.parse(List.of(args), Options.TRAIN_KEYS, "train")); }

  @Test
  void defaultsToCrossEntropyAndAcceptsHyphens() {
    assertEquals("cross_entropy", parse().loss().id());
    assertEquals("cross_entropy", parse("--loss", "cross-entropy").loss().id());
    assertEquals("cross_entropy:label_smoothing=0.0,weight=,ignore_index=-100,reduction=mean", parse().loss().spec());
    Components c = parse("--loss", "Label-Smoothing-CE:label_smoothing=0.2");
    assertEquals("label_smoothing_ce:label_smoothing=0.2,ignore_index=-100,reduction=mean", c.loss().spec());
    assertEquals("loss label_smoothing_ce:label_smoothing=0.2,ignore_index=-100,reduction=mean", c.describe());
    assertEquals("loss cross_entropy", parse().describe());
    assertSame(TrainStep.STANDARD, parse().step());
    assertEquals(0, parse().buildRegularizers().length);
    assertNull(parse().procedure());
    Tensor out = Tensor.of(new float[][] {{2f, 1f, 0.1f}, {0.5f, 2.5f, -1f}});
    // the spec's reference value (paper 58, eps = 0.1, the default), through the option
    assertEquals(1.32510411, parse("--loss", "label_smoothing_ce").objective().loss(out, new Batch(out, Tensor.of(new long[] {0, 0}))).item(), 1e-6);
  }

  @Test
  void repeatedRegularizersAreAllKept() {
    Options o = Options.parse(List.of("--regularizer", "a", "--regularizer", "b:x=1", "--lr", "1", "--lr", "2"), Options.TRAIN_KEYS, "train");
    assertEquals(List.of("a", "b:x=1"), o.all("regularizer"));
    assertEquals("2", o.str("lr", ""));
    assertEquals(List.of(), o.all("procedure"));
  }

  @Test
  void badIdsAndParametersAreOneLineErrors() {
    assertCli(2, "jgrad train: --loss: unknown loss 'crossentropy' (did you mean 'cross_entropy'?); valid: ", "train", "--loss", "crossentropy");
    assertCli(2, "jgrad train: --loss: loss 'rejector_surrogate_loss' is in the catalog but not implemented yet (blocked; see bin/jgrad "
        + "catalog show rejector_surrogate_loss); valid: ", "train", "--loss", "rejector_surrogate_loss");
    assertCli(2, "jgrad train: --loss: label_smoothing_ce: unknown parameter 'eps' (valid: label_smoothing, ignore_index, reduction)",
        "train", "--loss", "label_smoothing_ce:eps=0.1");
    assertCli(2, "jgrad train: --loss: label_smoothing_ce: label_smoothing must be in [0, 1], got 2.0", "train", "--loss",
        "label_smoothing_ce:label_smoothing=2");
    assertCli(2, "jgrad train: --loss: mse: parameter 'reduction' expects none, mean or sum, got 'avg'", "train", "--loss", "mse:reduction=avg");
    assertCli(2, "jgrad train: --regularizer: unknown regularizer 'l2'; valid: ", "train", "--regularizer", "l2");
    assertCli(2, "jgrad train: --procedure: unknown procedure 'warp_drive'; valid: ", "train", "--procedure", "warp_drive");
    assertCli(2, "jgrad train: --regularizer: 'mse' is a loss, not a regularizer", "train", "--regularizer", "mse");
    assertCli(2, "jgrad train: --loss: catalog: empty component spec", "train", "--loss", " ");
  }

  @Test
  void aParameterTheComponentRejectsFailsBeforeAnythingIsWritten() {
    Path out = tmp.resolve("never");
    assertCli(2, "jgrad train: --loss: label_smoothing_ce: label_smoothing must be in [0, 1], got 2.0", "train", "--loss",
        "label_smoothing_ce:label_smoothing=2", "--out", out.toString());
    assertTrue(!Files.exists(out), "no run directory for a rejected option");
  }

  @Test
  void aCatalogLossTrainsIsRecordedAndEvalRebuildsIt() throws IOException {
    Path out = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = TrainCommand.run(Options.parse(List.of("--loss", "label_smoothing_ce:label_smoothing=0.2", "--model", "mlp",
        "--epochs", "2", "--out", out.toString(), "--seed", "5"), Options.TRAIN_KEYS, "train"), new PrintStream(log, true, StandardCharsets.UTF_8));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("; loss label_smoothing_ce:label_smoothing=0.2,ignore_index=-100,reduction=mean; "), text);
    Map<String, String> p = Checkpoint.load(out.resolve("best.safetensors")).metadata();
    assertEquals("label_smoothing_ce:label_smoothing=0.2,ignore_index=-100,reduction=mean", p.get("run.loss"));
    assertTrue(r.testAccuracy() > 0.5, text);
    ByteArrayOutputStream evalLog = new ByteArrayOutputStream();
    var m = EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString()), Options.EVAL_KEYS,
        "eval"), new PrintStream(evalLog, true, StandardCharsets.UTF_8));
    // The label-smoothed loss of the run, not cross entropy: eval reports exactly what training reported.
    assertEquals(r.testLoss(), m.loss(), 1e-4, evalLog.toString(StandardCharsets.UTF_8));
    assertTrue(evalLog.toString(StandardCharsets.UTF_8).contains("(label_smoothing_ce:label_smoothing=0.2,"), evalLog.toString());
    var ce = EvalCommand.run(Options.parse(List.of("--checkpoint", out.resolve("best.safetensors").toString(), "--loss", "cross_entropy"),
        Options.EVAL_KEYS, "eval"), new PrintStream(new ByteArrayOutputStream()));
    assertTrue(Math.abs(ce.loss() - m.loss()) > 1e-3, "cross entropy " + ce.loss() + " vs label-smoothed " + m.loss());
    assertEquals(m.accuracy(), ce.accuracy(), 1e-12);
  }

  @Test
  void regularizersAndTheProcedureReachTheTrainer() throws IOException {
    TestEntries.PENALTIES.set(0);
    TestEntries.AFTER_STEPS.set(0);
    TestEntries.STEPS.set(0);
    Path out = tmp.resolve("reg");
    TrainCommand.run(Options.parse(List.of("--regularizer", "test_l2:weight=0.5", "--regularizer", "test-l2", "--procedure", "test_step",
        "--model", "mlp", "--epochs", "1", "--batch-size", "256", "--out", out.toString()), Options.TRAIN_KEYS, "train"),
        new PrintStream(new ByteArrayOutputStream()));
    int steps = (1293 + 255) / 256; // the 1437 training digits less the validation split's 144
    assertEquals(steps, TestEntries.STEPS.get(), "the procedure runs every step");
    assertEquals(2 * steps, TestEntries.PENALTIES.get(), "both regularizers add a penalty each step");
    assertEquals(2 * steps, TestEntries.AFTER_STEPS.get(), "and run after each optimizer step");
    Map<String, String> p = Checkpoint.load(out.resolve("best.safetensors")).metadata();
    assertEquals("test_l2:weight=0.5", p.get("run.regularizer.1"));
    assertEquals("test_l2:weight=0.01", p.get("run.regularizer.2"));
    assertEquals("test_step", p.get("run.procedure"));
    assertEquals("loss cross_entropy, regularizer test_l2:weight=0.5, regularizer test_l2, procedure test_step",
        parse("--regularizer", "test_l2:weight=0.5", "--regularizer", "test_l2", "--procedure", "test_step").describe());
    assertCli(2, "jgrad train: --regularizer: test_l2: weight must be >= 0, got -1.0", "train", "--regularizer", "test_l2:weight=-1");
    assertCli(2, "jgrad train: --procedure: 'test_l2' is a regularizer, not a procedure", "train", "--procedure", "test_l2");
  }

  @Test
  void normalizeOnlyTouchesTheId() {
    assertEquals("cross_entropy:weight=1;2", Components.normalize(" Cross-Entropy:weight=1;2 "));
    assertEquals("a_b:x=c-d", Components.normalize("a-b:x=c-d"));
    assertThrows(IllegalArgumentException.class, () -> parse("--loss", "bad id!"));
  }
}

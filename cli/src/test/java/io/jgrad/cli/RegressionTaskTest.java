package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.train.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad train --task regression} on a generated CSV: regression losses of the registry, metrics, eval, predictions. */
class RegressionTaskTest {
  @TempDir Path tmp;
  Path train, test;

  private static PrintStream sink(ByteArrayOutputStream b) { return new PrintStream(b, true, StandardCharsets.UTF_8); }

  /** y = 2·x0 − x1 + 0.5·x2·x3 + 0.1·noise, the target in column 2 of 6 (features around it). */
  static void write(Path f, int n, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("a,b,target,c,d,e\n");
    for (int i = 0; i < n; i++) {
      double[] x = new double[5];
      for (int j = 0; j < 5; j++) x[j] = r.nextGaussian();
      double y = 2 * x[0] - x[1] + 0.5 * x[2] * x[3] + 0.1 * r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%.5f,%.5f%n", x[0], x[1], y, x[2], x[3], x[4]));
    }
    Files.writeString(f, sb.toString());
  }

  @BeforeEach
  void data() throws IOException {
    train = tmp.resolve("train.csv");
    test = tmp.resolve("test.csv");
    write(train, 600, 1);
    write(test, 300, 2);
  }

  private Options opts(String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("--task", "regression", "--train", train.toString(), "--test", test.toString(),
        "--header", "--label-column", "2", "--epochs", "12", "--seed", "5", "--lr", "0.01"));
    a.addAll(List.of(extra));
    return Options.parse(a, Options.TRAIN_KEYS, "train");
  }

  @Test
  void trainsAndEvaluatesARegressor() throws IOException {
    Path out = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = TrainCommand.run(opts("--out", out.toString()), sink(log));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(r.metrics().get("r2") > 0.9, "r2 " + r.metrics() + "\n" + text);
    assertTrue(text.contains("test rmse "), text);
    assertTrue(Double.isNaN(r.testAccuracy()));
    assertEquals(r.metrics().get("mse"), r.testLoss(), 1e-4, "the mse loss is the mse metric");
    // train reports its best checkpoint on the test set; eval of that checkpoint gives the same numbers.
    Path best = out.resolve("best.safetensors");
    Path preds = tmp.resolve("preds.csv");
    ByteArrayOutputStream evalLog = new ByteArrayOutputStream();
    Metrics m = EvalCommand.run(Options.parse(List.of("--checkpoint", best.toString(), "--predictions", preds.toString()),
        Options.EVAL_KEYS, "eval"), sink(evalLog));
    assertEquals(r.metrics().get("rmse"), m.value("rmse"), 1e-6, evalLog.toString());
    List<String> lines = Files.readAllLines(preds);
    assertEquals("target,prediction", lines.get(0));
    assertEquals(301, lines.size());
  }

  @Test
  void quantileHeadsGetOneOutputPerLevelAndReportCoverage() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = TrainCommand.run(opts("--out", tmp.resolve("q").toString(), "--loss", "pinball_loss:taus=0.1;0.5;0.9"),
        sink(log));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("3 outputs"), text);
    double lo = r.metrics().get("coverage_0.1"), hi = r.metrics().get("coverage_0.9");
    assertTrue(lo > 0.02 && lo < 0.25 && hi > 0.75 && hi < 0.98, "coverages " + r.metrics());
    assertTrue(r.metrics().get("r2") > 0.8, "the median head is scored: " + r.metrics());
  }

  @Test
  void anyRegressionLossOfTheRegistryTrains() throws IOException {
    for (String loss : List.of("pseudo_huber_loss:c=0.5", "z_error_loss", "regression_losses_ext:loss=log_cosh", "proximal_matching_loss:gamma=2")) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      TrainCommand.Result r = TrainCommand.run(opts("--out", tmp.resolve(loss.replaceAll("\\W", "_")).toString(), "--loss", loss,
          "--epochs", "4"), sink(log));
      assertTrue(Double.isFinite(r.metrics().get("rmse")) && r.metrics().get("r2") > 0.3, loss + ": " + r.metrics());
    }
  }

  @Test
  void badSetupsAreOneLineErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.run(
        Options.parse(List.of("--task", "regression", "--dataset", "digits"), Options.TRAIN_KEYS, "train"), sink(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().startsWith("--task regression reads a CSV"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.run(opts("--target-columns", "0,1,2,3,4,5"),
        sink(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("no features left"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.run(opts("--loss", "dice_loss"), sink(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("dice_loss: needs logits [B, C, spatial...]"), e.getMessage());
  }
}

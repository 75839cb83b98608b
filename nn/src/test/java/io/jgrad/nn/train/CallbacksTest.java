package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
  private final TensorDataset train = Fixtures.separable(300, 1);
  private final TensorDataset val = Fixtures.separable(100, 2);

  private History fit(int epochs, boolean withVal, Callback... cs) {
    Module m = Fixtures.mlp(3);
    return Trainer.builder(m, new SGD(m.parameters(), 0.2), Fixtures::crossEntropy).epochs(epochs).callbacks(cs).build()
        .fit(Fixtures.loader(train, 30, true), withVal ? Fixtures.loader(val, 50, false) : null);
  }

  @Test
  void metricsCsvHasAHeaderAndOneRowPerEpoch(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sub/metrics.csv");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "old content\n");
    History h = fit(3, true, new MetricsCsv(f));
    List<String> lines = Files.readAllLines(f);
    assertEquals(4, lines.size(), lines.toString());
    assertEquals(MetricsCsv.HEADER.strip(), lines.get(0));
    for (int i = 0; i < 3; i++) {
      String[] c = lines.get(i + 1).split(",", -1);
      EpochResult r = h.epochs().get(i);
      assertEquals(7, c.length);
      assertEquals(i + 1, Integer.parseInt(c[0]));
      assertEquals(r.trainLoss(), Double.parseDouble(c[1]));
      assertEquals(r.trainAccuracy(), Double.parseDouble(c[2]));
      assertEquals(r.validation().loss(), Double.parseDouble(c[3]));
      assertEquals(r.validation().accuracy(), Double.parseDouble(c[4]));
      assertEquals(0.2, Double.parseDouble(c[5]));
      assertEquals(r.seconds(), Double.parseDouble(c[6]));
    }
    // Without validation the val columns are empty.
    Path g = dir.resolve("noval.csv");
    fit(1, false, new MetricsCsv(g));
    String[] c = Files.readAllLines(g).get(1).split(",", -1);
    assertEquals("", c[3]);
    assertEquals("", c[4]);
  }

  @Test
  void metricsFilesAppendOnResume(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.csv");
    fit(2, false, new MetricsCsv(f));
    Module m = Fixtures.mlp(3);
    Trainer.builder(m, new SGD(m.parameters(), 0.2), Fixtures::crossEntropy).epochs(4).startEpoch(3).callbacks(new MetricsCsv(f)).build()
        .fit(Fixtures.loader(train, 30, true), null);
    List<String> lines = Files.readAllLines(f);
    assertEquals(5, lines.size());
    assertEquals(List.of("1", "2", "3", "4"), lines.subList(1, 5).stream().map(l -> l.split(",")[0]).toList());
  }

  @Test
  void metricsJsonlHasOneObjectPerEpoch(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.jsonl");
    History h = fit(2, true, new MetricsJsonl(f));
    List<String> lines = Files.readAllLines(f);
    assertEquals(2, lines.size());
    for (int i = 0; i < 2; i++) {
      JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      EpochResult r = h.epochs().get(i);
      assertEquals(i + 1, o.get("epoch").getAsInt());
      assertEquals(r.trainLoss(), o.get("train_loss").getAsDouble());
      assertEquals(r.validation().loss(), o.get("val_loss").getAsDouble());
      assertEquals(r.validation().accuracy(), o.get("val_accuracy").getAsDouble());
      assertEquals(100, o.get("val_examples").getAsInt());
      assertEquals(0.2, o.get("learning_rate").getAsDouble());
    }
    // NaN is written as null (JSON has no NaN), and without validation there are no val keys.
    String rec = new MetricsJsonl(f).record(new EpochResult(1, Double.NaN, 0.5, null, 1, 0.1));
    JsonObject o = JsonParser.parseString(rec).getAsJsonObject();
    assertTrue(o.get("train_loss").isJsonNull());
    assertFalse(o.has("val_loss"));
  }

  @Test
  void consoleProgressNonInteractivePrintsOneLinePerEpoch() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    fit(3, true, new ConsoleProgress(ps, false), new EarlyStopping("train_loss", 0, 100.0));
    String s = buf.toString(StandardCharsets.UTF_8);
    assertFalse(s.contains("\r"), s);
    List<String> lines = s.lines().toList();
    // patience 0 with a huge minDelta: stops after epoch 2 (epoch 1 sets the best).
    assertEquals(3, lines.size(), s);
    assertTrue(lines.get(0).startsWith("epoch 1/3  train loss "), lines.get(0));
    assertTrue(lines.get(0).contains(" val loss ") && lines.get(0).contains("%") && lines.get(0).contains("lr 0.2"), lines.get(0));
    assertTrue(lines.get(1).startsWith("epoch 2/3"), lines.get(1));
    assertTrue(lines.get(2).startsWith("stopped early: early stopping: train_loss"), lines.get(2));
  }

  @Test
  void consoleProgressInteractiveRedrawsWithCarriageReturns() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    fit(2, false, new ConsoleProgress(ps, true));
    String s = buf.toString(StandardCharsets.UTF_8);
    List<String> lines = List.of(s.split(System.lineSeparator()));
    assertEquals(2, lines.size(), s);
    for (int e = 1; e <= 2; e++) {
      String line = lines.get(e - 1);
      // At least the first and last batch of the epoch are drawn, then the summary.
      assertTrue(line.chars().filter(ch -> ch == '\r').count() >= 3, line);
      assertTrue(line.startsWith("\repoch " + e + "/2 [==>      "), line);
      assertTrue(line.contains("] 1/10  ETA "), line);
      assertTrue(line.contains("10/10  ETA 0:00") && line.contains("items/s  loss "), line);
      assertTrue(line.contains("[========================] 10/10"), line);
      String last = line.substring(line.lastIndexOf('\r') + 1).strip();
      assertTrue(last.startsWith("epoch " + e + "/2  train loss "), last);
    }
    assertEquals("1:05", ConsoleProgress.clock(65));
    assertEquals("1:01:01", ConsoleProgress.clock(3661));
    assertEquals("?", ConsoleProgress.clock(Double.NaN));
  }

  @Test
  void stepTimingPercentilesOnKnownInputs() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StepTiming t = new StepTiming(new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertTrue(Double.isNaN(t.p50Millis()));
    for (int v : new int[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}) t.recordMillis(v);
    assertEquals(10, t.count());
    // numpy.percentile([1..10], 50) = 5.5, 90 -> 9.1, 0 -> 1, 100 -> 10
    assertEquals(5.5, t.p50Millis(), 1e-12);
    assertEquals(9.1, t.p90Millis(), 1e-12);
    assertEquals(1, t.percentileMillis(0));
    assertEquals(10, t.percentileMillis(100));
    assertEquals("step time: p50 5.50 ms, p90 9.10 ms over 10 steps", t.summary());
    var e = assertThrows(IllegalArgumentException.class, () -> t.percentileMillis(101));
    assertTrue(e.getMessage().contains("[0, 100], got 101"));
    e = assertThrows(IllegalArgumentException.class, () -> t.recordMillis(-1));
    assertTrue(e.getMessage().contains("got -1"));
  }

  @Test
  void stepTimingRecordsEveryStepAndPrintsASummary() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StepTiming t = new StepTiming(new PrintStream(buf, true, StandardCharsets.UTF_8));
    fit(2, true, t);
    assertEquals(20, t.count());
    assertTrue(t.p50Millis() > 0 && t.p90Millis() >= t.p50Millis());
    assertEquals(t.summary() + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
  }
}

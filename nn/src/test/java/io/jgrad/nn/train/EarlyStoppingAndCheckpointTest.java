package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingAndCheckpointTest {
  private final TensorDataset train = Fixtures.separable(300, 1);
  private final TensorDataset val = Fixtures.separable(100, 2);

  private static EpochResult result(int epoch, double valLoss) {
    return new EpochResult(epoch, 1.0, 0.5, new Metrics(valLoss, 0.5, 10), 0.1, 0.1);
  }

  @Test
  void earlyStoppingCountsEpochsWithoutImprovement() {
    EarlyStopping es = new EarlyStopping("val_loss", 2, 0.05);
    TrainerState s = new TrainerState(Fixtures.mlp(1), null, 10);
    es.onTrainStart(s);
    es.onEpochEnd(s, result(1, 1.0));
    es.onEpochEnd(s, result(2, 0.9));   // improves by 0.1 > 0.05
    es.onEpochEnd(s, result(3, 0.88));  // only 0.02 better: no improvement (1)
    assertFalse(s.stopRequested());
    es.onEpochEnd(s, result(4, 0.8));   // 0.1 better than 0.9: resets
    es.onEpochEnd(s, result(5, 0.79));  // (1)
    assertFalse(s.stopRequested());
    es.onEpochEnd(s, result(6, Double.NaN)); // NaN never improves (2)
    assertTrue(s.stopRequested());
    assertEquals(0.8, es.best());
    assertEquals(4, es.bestEpoch());
  }

  @Test
  void earlyStoppingOnAccuracyMaximizes() {
    EarlyStopping es = new EarlyStopping("val_accuracy", 1, 0);
    TrainerState s = new TrainerState(Fixtures.mlp(1), null, 10);
    es.onEpochEnd(s, new EpochResult(1, 1, 0.5, new Metrics(1, 0.7, 10), 0, 0));
    es.onEpochEnd(s, new EpochResult(2, 1, 0.5, new Metrics(0.5, 0.8, 10), 0, 0));
    assertFalse(s.stopRequested());
    es.onEpochEnd(s, new EpochResult(3, 1, 0.5, new Metrics(0.1, 0.8, 10), 0, 0));
    assertTrue(s.stopRequested());
  }

  @Test
  void fitStopsEarlyAndHistorySaysWhy() {
    Module m = Fixtures.mlp(3);
    SGD frozen = new SGD(m.parameters(), 0.0); // lr 0: the validation loss never changes
    History h = Trainer.builder(m, frozen, Fixtures::crossEntropy).epochs(10).callbacks(new EarlyStopping("val_loss", 2, 0.0)).build()
        .fit(Fixtures.loader(train, 100, false), Fixtures.loader(val, 100, false));
    assertTrue(h.stoppedEarly());
    assertEquals(3, h.epochs().size());
    assertTrue(h.stopReason().contains("early stopping: val_loss did not improve") && h.stopReason().contains("for 2 epochs")
        && h.stopReason().contains("at epoch 1"), h.stopReason());
  }

  @Test
  void badMonitorsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", 1, 0));
    assertTrue(e.getMessage().contains("unknown monitor \"loss\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CheckpointSaver(Path.of("x"), -1, "val_loss"));
    assertTrue(e.getMessage().contains("keepLast must be >= 0, got -1"), e.getMessage());
    Module m = Fixtures.mlp(3);
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), Fixtures::crossEntropy).epochs(1)
        .callbacks(new EarlyStopping("val_accuracy", 1, 0)).build();
    var ise = assertThrows(IllegalStateException.class, () -> t.fit(Fixtures.loader(train, 100, false), null));
    assertTrue(ise.getMessage().contains("monitor val_accuracy needs validation data"), ise.getMessage());
  }

  @Test
  void checkpointSaverKeepsBestAndLastKAndBestReproducesItsMetrics(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("epoch-000.safetensors"), "stale file of an earlier run");
    Module m = Fixtures.mlp(3);
    Adam opt = new Adam(m.parameters(), 0.05);
    CheckpointSaver saver = new CheckpointSaver(dir, 2, "val_loss");
    DataLoader vl = Fixtures.loader(val, 100, false);
    History h = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(5).callbacks(saver).build()
        .fit(Fixtures.loader(train, 50, true), vl);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("best.safetensors", "epoch-004.safetensors", "epoch-005.safetensors"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    EpochResult bestRes = h.epochs().stream().min(Comparator.comparingDouble(r -> r.validation().loss())).orElseThrow();
    assertEquals(bestRes.epoch(), saver.bestEpoch());
    assertEquals(bestRes.validation().loss(), saver.best());
    assertEquals(dir.resolve("epoch-005.safetensors"), saver.lastPath());

    Checkpoint c = Checkpoint.load(saver.bestPath());
    assertEquals(Integer.toString(bestRes.epoch()), c.metadata().get("train.epoch"));
    assertEquals(bestRes.epoch() * 6L, c.step());
    assertEquals(Double.toString(bestRes.validation().loss()), c.metadata().get("train.val_loss"));
    Module fresh = Fixtures.mlp(99);
    c.loadInto(fresh.stateDict());
    Adam opt2 = new Adam(fresh.parameters(), 0.05);
    opt2.loadStateDict(OptimizerStates.fromCheckpoint(c));
    Metrics again = Trainer.builder(fresh, opt2, Fixtures::crossEntropy).build().evaluate(vl);
    assertEquals(bestRes.validation(), again);

    Checkpoint last = Checkpoint.load(saver.lastPath());
    Module fresh2 = Fixtures.mlp(98);
    last.loadInto(fresh2.stateDict());
    assertEquals(h.last().validation(), Trainer.builder(fresh2, opt2, Fixtures::crossEntropy).build().evaluate(vl));
  }

  @Test
  void resumedRunKeepsTheEarlierBestUnlessBeaten(@TempDir Path dir) throws Exception {
    Module m = Fixtures.mlp(3);
    Adam opt = new Adam(m.parameters(), 0.05);
    CheckpointSaver first = new CheckpointSaver(dir, 0, "val_accuracy");
    DataLoader vl = Fixtures.loader(val, 100, false);
    Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(3).callbacks(first).build().fit(Fixtures.loader(train, 50, true), vl);
    double bestAcc = first.best();
    assertTrue(bestAcc > 0.9, "accuracy " + bestAcc);
    byte[] before = Files.readAllBytes(first.bestPath());
    // Resume with a model made worse (lr 0 keeps it there): its accuracy does not beat the saved best.
    Module worse = Fixtures.mlp(77);
    CheckpointSaver resumed = new CheckpointSaver(dir, 0, "val_accuracy");
    Trainer.builder(worse, new SGD(worse.parameters(), 0.0), Fixtures::crossEntropy).epochs(5).startEpoch(4).callbacks(resumed).build()
        .fit(Fixtures.loader(train, 50, true), vl);
    double worseAcc = Trainer.builder(worse, new SGD(worse.parameters(), 0.0), Fixtures::crossEntropy).build().evaluate(vl).accuracy();
    assertTrue(worseAcc < bestAcc, worseAcc + " vs " + bestAcc);
    assertEquals(bestAcc, resumed.best());
    assertEquals(first.bestEpoch(), resumed.bestEpoch());
    assertArrayEquals(before, Files.readAllBytes(resumed.bestPath()));
    // A fresh run (epoch 1) ignores the old best.
    CheckpointSaver fresh = new CheckpointSaver(dir, 0, "val_accuracy");
    Trainer.builder(worse, new SGD(worse.parameters(), 0.0), Fixtures::crossEntropy).epochs(1).callbacks(fresh).build()
        .fit(Fixtures.loader(train, 50, true), vl);
    assertEquals(worseAcc, fresh.best());
    assertEquals(1, fresh.bestEpoch());
  }

  @Test
  void checkpointSaverWritesTheCallersMetadataIntoEveryCheckpoint(@TempDir Path dir) throws Exception {
    Module m = Fixtures.mlp(3);
    CheckpointSaver saver = new CheckpointSaver(dir, 1, "val_loss").metadata(java.util.Map.of("run.model", "mlp", "run.labels", "a,b"));
    Trainer.builder(m, new SGD(m.parameters(), 0.1), Fixtures::crossEntropy).epochs(2).callbacks(saver).build()
        .fit(Fixtures.loader(train, 50, true), Fixtures.loader(val, 100, false));
    for (Path p : List.of(saver.bestPath(), saver.lastPath())) {
      Checkpoint c = Checkpoint.load(p);
      assertEquals("mlp", c.metadata().get("run.model"), p.toString());
      assertEquals("a,b", c.metadata().get("run.labels"));
      assertNotNull(c.metadata().get("train.epoch"), "the saver's own keys stay");
    }
    for (String reserved : List.of("jgrad.step", "train.epoch", OptimizerStates.METADATA_KEY)) {
      var e = assertThrows(IllegalArgumentException.class, () -> new CheckpointSaver(dir, 1, "val_loss").metadata(java.util.Map.of(reserved, "x")));
      assertTrue(e.getMessage().contains(reserved) && e.getMessage().contains("reserved"), e.getMessage());
    }
  }
}

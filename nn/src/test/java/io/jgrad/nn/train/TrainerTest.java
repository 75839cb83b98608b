package io.jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.ReduceLROnPlateau;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.StepLR;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private final TensorDataset train = Fixtures.separable(300, 1);
  private final TensorDataset val = Fixtures.separable(100, 2);

  @Test
  void fitLowersTheLossAndReachesHighAccuracy() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.2);
    Trainer t = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(8).build();
    DataLoader vl = Fixtures.loader(val, 50, false);
    Metrics before = t.evaluate(vl);
    History h = t.fit(Fixtures.loader(train, 32, true), vl);
    assertEquals(8, h.epochs().size());
    assertFalse(h.stoppedEarly());
    assertNull(h.stopReason());
    EpochResult first = h.epochs().get(0);
    EpochResult last = h.last();
    assertEquals(1, first.epoch());
    assertEquals(8, last.epoch());
    assertTrue(last.trainLoss() < first.trainLoss() * 0.7, h.toString());
    assertTrue(last.validation().loss() < before.loss() * 0.5, before + " -> " + last.validation());
    assertTrue(last.validation().accuracy() >= 0.95, last.toString());
    assertEquals(100, last.validation().examples());
    assertEquals(0.2, last.learningRate(), 0);
    assertTrue(last.seconds() > 0);
    assertTrue(m.isTraining(), "fit leaves the model in training mode");
  }

  @Test
  void evaluateCountsCorrectPredictionsAndRestoresMode() {
    Module m = Fixtures.mlp(3);
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), Fixtures::crossEntropy).build();
    DataLoader vl = Fixtures.loader(val, 7, false);
    m.train();
    Metrics got = t.evaluate(vl);
    assertTrue(m.isTraining());
    // Oracle: the whole set in one forward pass.
    var x = val.features();
    var y = val.labels();
    try (var out = m.forward(x)) {
      long[] pred = out.argmax(1, false).toLongArray();
      long[] lab = y.toLongArray();
      int ok = 0;
      for (int i = 0; i < lab.length; i++) if (pred[i] == lab[i]) ok++;
      assertEquals(ok / (double) lab.length, got.accuracy(), 1e-12);
      assertEquals(Fixtures.crossEntropy(out, y).item(), got.loss(), 1e-5);
    }
    assertEquals(100, got.examples());
    m.eval();
    t.evaluate(vl);
    assertFalse(m.isTraining());
  }

  @Test
  void hugeLearningRateThrowsDivergedWithAClearMessage() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 1e30);
    Trainer t = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(5).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(Fixtures.loader(train, 32, true), null));
    assertFalse(Double.isFinite(e.loss()));
    String msg = e.getMessage();
    assertTrue(msg.contains("epoch " + e.epoch()) && msg.contains("step " + e.step()), msg);
    assertTrue(msg.contains("1.0E30") && msg.contains("lower the learning rate"), msg);
    assertTrue(msg.contains(String.valueOf(e.loss())), msg);
  }

  @Test
  void callbacksSeeStepsAndStopRequests() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    List<String> events = new ArrayList<>();
    Callback c = new Callback() {
      @Override public void onTrainStart(TrainerState s) { events.add("start " + s.epochs() + " " + s.batchesPerEpoch()); }
      @Override public void onBatchEnd(TrainerState s) {
        assertEquals(s.batchInEpoch() * 100L, s.epochExamples());
        assertEquals(s.step(), (s.epoch() - 1) * 3L + s.batchInEpoch());
        assertTrue(Double.isFinite(s.batchLoss()) && Double.isFinite(s.runningLoss()));
      }
      @Override public void onEpochEnd(TrainerState s, EpochResult r) {
        events.add("epoch " + r.epoch() + " " + s.step() + " " + s.examplesSeen());
        if (r.epoch() == 2) s.requestStop("enough");
      }
      @Override public void onTrainEnd(TrainerState s, History h) { events.add("end " + h.stoppedEarly() + " " + h.stopReason()); }
    };
    History h = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(5).callbacks(c).build().fit(Fixtures.loader(train, 100, false), null);
    assertEquals(List.of("start 5 3", "epoch 1 3 300", "epoch 2 6 600", "end true enough"), events);
    assertEquals(2, h.epochs().size());
    assertNull(h.last().validation());
  }

  @Test
  void schedulersStepPerEpochOrPerStepAndStartEpochResumes() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    History h = Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(4).startEpoch(3)
        .scheduler(new StepLR(opt, 1, 0.5), false).build().fit(Fixtures.loader(train, 100, false), null);
    assertEquals(List.of(3, 4), h.epochs().stream().map(EpochResult::epoch).toList());
    assertEquals(0.1, h.epochs().get(0).learningRate(), 1e-15);
    assertEquals(0.05, h.epochs().get(1).learningRate(), 1e-15);
    assertEquals(0.025, opt.getLr(0), 1e-15);

    SGD opt2 = new SGD(m.parameters(), 0.1);
    Trainer.builder(m, opt2, Fixtures::crossEntropy).epochs(1).scheduler(new StepLR(opt2, 1, 0.5), true).build()
        .fit(Fixtures.loader(train, 100, false), null);
    assertEquals(0.1 / 8, opt2.getLr(0), 1e-15);

    SGD opt3 = new SGD(m.parameters(), 0.1);
    ReduceLROnPlateau p = new ReduceLROnPlateau(opt3, ReduceLROnPlateau.Mode.MIN, 0.5, 0, 1e-4, ReduceLROnPlateau.ThresholdMode.REL, 0, 0.0);
    Trainer.builder(m, opt3, Fixtures::crossEntropy).epochs(2).scheduler(p, false).build()
        .fit(Fixtures.loader(train, 100, false), Fixtures.loader(val, 100, false));
    assertTrue(p.best() < Double.POSITIVE_INFINITY, "plateau scheduler received the validation loss");
  }

  @Test
  void prefetchAndClippingGiveTheSameRunAsDirectLoading() {
    List<List<Double>> runs = new ArrayList<>();
    for (boolean prefetch : new boolean[] {false, true}) {
      Module m = Fixtures.mlp(3);
      DataLoader dl = DataLoader.builder(train, 32).shuffle(true).seed(5).prefetch(prefetch).build();
      History h = Trainer.builder(m, new SGD(m.parameters(), 0.5), Fixtures::crossEntropy).epochs(3).clipGradNorm(0.1).build().fit(dl, null);
      runs.add(h.epochs().stream().map(EpochResult::trainLoss).toList());
      dl.close();
    }
    // Same batches in the same order, so the same bits: the first run executes partly before C2
    // compiles the kernels, and the CPU kernels give the same results interpreted and compiled
    // (own exp/log, lane sums in lane order; tensor's DeterminismTest).
    assertEquals(runs.get(0), runs.get(1));
    // Clipping changes the trajectory (a norm of 0.1 is far below this model's first gradients).
    Module m = Fixtures.mlp(3);
    History unclipped = Trainer.builder(m, new SGD(m.parameters(), 0.5), Fixtures::crossEntropy).epochs(3).build()
        .fit(DataLoader.builder(train, 32).shuffle(true).seed(5).build(), null);
    assertNotEquals(runs.get(0), unclipped.epochs().stream().map(EpochResult::trainLoss).toList());
  }

  @Test
  void builderRejectsBadSettings() {
    Module m = Fixtures.mlp(3);
    SGD opt = new SGD(m.parameters(), 0.1);
    var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(m, opt, Fixtures::crossEntropy).epochs(-1));
    assertTrue(e.getMessage().contains("epochs must be >= 0, got -1"));
    e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(m, opt, Fixtures::crossEntropy).startEpoch(0));
    assertTrue(e.getMessage().contains("startEpoch"));
    e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(m, opt, Fixtures::crossEntropy).clipGradNorm(0));
    assertTrue(e.getMessage().contains("clipGradNorm"));
    e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(null, opt, Fixtures::crossEntropy));
    assertTrue(e.getMessage().contains("must not be null"));
  }
}

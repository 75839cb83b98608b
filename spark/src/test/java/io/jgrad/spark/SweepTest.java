package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A catalog sweep as a Spark job on local[2], and its result table. */
class SweepTest {
  private static final CatalogRecipe BASE = CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.05), "cross_entropy");

  @Test
  void componentsTimesHyperparametersTimesSeeds() {
    List<String> losses = List.of("cross_entropy");
    List<String> more = Sweep.specs("label_smoothing_ce", "label_smoothing", 0.1, 0.3);
    List<Sweep.Trial> trials = new java.util.ArrayList<>(Sweep.grid(BASE, concat(losses, more), List.of(List.of()), List.of("none", "test_sam:rho=0.05"), 1, 2));
    // One configuration that diverges: recorded, not fatal.
    trials.add(new Sweep.Trial("cross_entropy (lr 1e38)", BASE.withOptimizer(Fixtures.sgd(1e38)), 1));
    assertEquals(13, trials.size());
    DataParallelConfig cfg = DataParallelConfig.builder().epochs(2).batchSize(16).build();
    SweepResult r = Sweep.run(TestSpark.context(), trials, Fixtures.blobs(160, 31), Fixtures.blobs(60, 32), cfg);
    assertEquals(13, r.trials().size());
    Map<String, List<TrialResult>> by = r.byConfig();
    assertEquals(7, by.size());
    assertEquals(2, by.get("label_smoothing_ce:label_smoothing=0.3 + test_sam:rho=0.05").size());
    for (TrialResult t : r.trials()) {
      if (t.config().contains("1e38")) {
        assertTrue(t.error() != null && t.error().startsWith("diverged"), t.toString());
      } else {
        assertTrue(t.error() == null, t.error());
        assertTrue(t.valAccuracy() > 0.5 && t.valAccuracy() <= 1, t.toString());
        assertEquals(2, t.epochs());
      }
    }
    // Seeds differ (initialisation and data order), so runs of one configuration differ.
    List<TrialResult> ce = by.get("cross_entropy");
    assertTrue(ce.get(0).valLoss() != ce.get(1).valLoss(), "two seeds gave the same run");
    String text = r.text();
    assertTrue(text.startsWith("configuration"), text);
    assertTrue(text.contains("±"), text);
    assertTrue(text.contains("cross_entropy (lr 1e38), seed 1: diverged"), text);
    String md = r.markdown();
    assertTrue(md.startsWith("| configuration | seeds | val accuracy |"), md);
    assertEquals(1 + 1 + 7, md.lines().takeWhile(l -> l.startsWith("|")).count(), md);
    System.out.println(text);
  }

  @Test
  void theLocalRunnerGivesTheSameRows() {
    List<Sweep.Trial> trials = Sweep.grid(BASE, List.of("cross_entropy"), List.of(List.of()), List.of("none"), 7);
    DataParallelConfig cfg = DataParallelConfig.builder().epochs(1).batchSize(16).build();
    List<Sample> tr = Fixtures.blobs(80, 1), va = Fixtures.blobs(30, 2);
    TrialResult a = Sweep.run(TestSpark.context(), trials, tr, va, cfg).trials().get(0);
    TrialResult b = Sweep.runLocal(trials, tr, va, cfg).trials().get(0);
    assertEquals(a.valLoss(), b.valLoss(), 0.0);
    assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
  }

  @Test
  void aBadSpecFailsBeforeTheJob() {
    List<Sweep.Trial> trials = Sweep.grid(BASE, List.of("cross_entropy"), List.of(List.of("no_such_regularizer")), List.of("none"), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sweep.run(TestSpark.context(), trials, Fixtures.blobs(20, 1), null, DataParallelConfig.builder().build()));
    assertTrue(e.getMessage().contains("no_such_regularizer"), e.getMessage());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

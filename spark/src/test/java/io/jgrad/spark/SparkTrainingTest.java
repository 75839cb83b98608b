package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel training as a Spark job on local[2]: barrier tasks, the socket ring, retry and resume. */
class SparkTrainingTest {
  private static final CatalogRecipe RECIPE = CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.1), "cross_entropy");
  private static final List<Sample> DATA = Fixtures.blobs(64, 21);
  private static final List<Sample> VAL = Fixtures.blobs(30, 22);

  private static DataParallelConfig.Builder cfg() { return DataParallelConfig.builder().workers(2).batchSize(4).epochs(3).seed(5); }

  @Test
  void sparkWorkersTrainExactlyLikeInProcessWorkersAndResumeAfterAFailure(@TempDir Path dir) throws Exception {
    JavaSparkContext sc = TestSpark.context();
    // Uninterrupted, with checkpoints.
    DataParallelResult whole = SparkTraining.fit(sc, sc.parallelize(DATA, 3), VAL, RECIPE,
        cfg().checkpointDir(dir.resolve("a").toString(), 2).build());
    assertEquals(0, whole.attempt());
    assertTrue(whole.consistent(), "both workers end with the same bits");
    assertEquals(3, whole.history().size());
    assertTrue(whole.history().get(2).trainLoss() < whole.history().get(0).trainLoss(), "training lowers the loss");
    assertTrue(Files.isRegularFile(dir.resolve("a/epoch-003.safetensors")) && Files.isRegularFile(dir.resolve("a/best.safetensors")));
    // The same ring algorithm in threads: the same bits.
    DataParallelResult local = LocalDataParallel.fit(DATA, VAL, RECIPE, cfg().build());
    assertTrue(whole.finalState().sameAs(local.finalState()), "Spark and in-process workers give the same bits");
    assertEquals(whole.history().get(2).valAccuracy(), local.history().get(2).valAccuracy(), 0.0);

    // Worker 1 dies in the middle of epoch 2 (batch 3 of 8): the stage fails, Spark reruns it, and
    // the workers resume from rank 0's epoch-1 checkpoint to the same final bits.
    DataParallelResult resumed = SparkTraining.fit(sc, sc.parallelize(DATA, 3), VAL, RECIPE,
        cfg().checkpointDir(dir.resolve("b").toString(), 2).failAt(1, 2, 3).build());
    assertTrue(resumed.attempt() >= 1, "the training stage was retried, attempt " + resumed.attempt());
    assertEquals(2, resumed.rank0().startEpoch(), "resumed after the epoch-1 checkpoint");
    assertEquals(List.of(2, 3), resumed.history().stream().map(EpochRecord::epoch).toList());
    assertTrue(resumed.finalState().sameAs(whole.finalState()), "the resumed run ends with the uninterrupted run's bits");
    System.out.println("spark: " + whole.summary());
    System.out.println("spark, resumed: " + resumed.summary());
  }

  @Test
  void aBadCatalogSpecFailsOnTheDriverBeforeAnyJob() {
    JavaSparkContext sc = TestSpark.context();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.fit(sc, sc.parallelize(DATA, 2), null,
        RECIPE.withLoss("no_such_loss"), cfg().build()));
    assertTrue(e.getMessage().contains("no_such_loss"), e.getMessage());
  }

  @Test
  void moreWorkersThanLocalSlotsIsAnErrorBeforeSparkWaitsForSlots() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.checkLocalSlots("local[2]", 3));
    assertTrue(e.getMessage().contains("3 workers need 3 task slots at once (barrier mode), local[2] has 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SparkTraining.checkLocalSlots("local", 2));
    assertThrows(IllegalArgumentException.class, () -> SparkTraining.checkLocalSlots("local[2,4]", 3));
    SparkTraining.checkLocalSlots("local[4]", 4);
    SparkTraining.checkLocalSlots("spark://head:7077", 64); // the cluster's own check
  }

  @Test
  void inProcessRetryResumesFromTheCheckpointToo(@TempDir Path dir) {
    // A per-step one-cycle schedule: the resumed run must bring it to where it was.
    CatalogRecipe scheduled = RECIPE.withSchedule((opt, epochs, batches) ->
        new TrainingRecipe.Schedule(new io.jgrad.nn.optim.OneCycleLR(opt, 0.2, epochs * batches), true));
    DataParallelResult whole = LocalDataParallel.fit(DATA, null, scheduled, cfg().checkpointDir(dir.resolve("a").toString(), 1).build());
    DataParallelResult resumed = LocalDataParallel.fit(DATA, null, scheduled,
        cfg().checkpointDir(dir.resolve("b").toString(), 1).failAt(0, 3, 1).build());
    assertEquals(1, resumed.attempt());
    assertEquals(3, resumed.rank0().startEpoch());
    assertEquals(whole.history().get(2).learningRate(), resumed.history().get(0).learningRate(), 0.0);
    assertTrue(resumed.finalState().sameAs(whole.finalState()));
  }
}

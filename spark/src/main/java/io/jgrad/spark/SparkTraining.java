package io.jgrad.spark;

import java.security.SecureRandom;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training as a Spark job: one barrier task per worker, each training on its
 * partition with the same recipe and seed, gradients averaged every step over a socket ring.
 *
 * <p>The job: number the examples ({@code zipWithIndex}), send example i to worker
 * {@code i % workers} in index order (a shuffle), run the workers as a barrier stage, and pass
 * their small results through one more shuffle to the driver. That last shuffle makes the
 * training stage a shuffle-map stage, which Spark retries as a whole when a worker fails
 * (up to {@code spark.stage.maxConsecutiveAttempts}, 4 by default; a failed barrier result
 * stage would not be retried); with a checkpoint directory the retry resumes from rank 0's
 * newest epoch checkpoint.
 *
 * <p>Needs as many free task slots as workers at once (barrier mode); the executors' JVMs need
 * {@code --add-modules=jdk.incubator.vector} (docs/spark.md).
 */
public final class SparkTraining {
  private SparkTraining() {}

  /**
   * Trains on {@code data} with {@code cfg.workers()} workers (0: the context's default
   * parallelism); every worker evaluates the whole {@code validation} list (may be null) after
   * each epoch. Throws {@link io.jgrad.nn.train.TrainingDivergedException} when the averaged
   * loss diverged.
   */
  public static DataParallelResult fit(JavaSparkContext sc, JavaRDD<Sample> data, List<Sample> validation, TrainingRecipe recipe,
                                       DataParallelConfig cfg) {
    if (recipe instanceof CatalogRecipe c) c.validate();
    int workers = cfg.workers() > 0 ? cfg.workers() : sc.defaultParallelism();
    checkLocalSlots(sc.master(), workers);
    JavaPairRDD<Long, Sample> indexed = data.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    JavaPairRDD<Long, Sample> balanced = indexed.repartitionAndSortWithinPartitions(new ModPartitioner(workers));
    Broadcast<List<Sample>> val = validation == null ? null : sc.broadcast(List.copyOf(validation));
    long runId = new SecureRandom().nextLong() & Long.MAX_VALUE;
    ClassTag<WorkerResult> tag = ClassTag$.MODULE$.apply(WorkerResult.class);
    sc.setJobDescription("jgrad data-parallel training: " + workers + " workers, " + cfg.epochs() + " epochs");
    try {
      RDD<WorkerResult> trained = balanced.rdd().barrier().mapPartitions(new BarrierTask(recipe, cfg, val, workers, runId), false, tag);
      List<WorkerResult> results = new JavaRDD<>(trained, tag).repartition(1).collect();
      return LocalDataParallel.checked(new DataParallelResult(results));
    } finally {
      sc.setJobDescription(null);
      if (val != null) val.destroy();
    }
  }

  /**
   * A barrier stage needs a task slot per worker at once; in local mode Spark would keep
   * rechecking for minutes before failing, so the count is checked here. Other masters: Spark's
   * own check.
   */
  static void checkLocalSlots(String master, int workers) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?").matcher(master.trim());
    if (!m.matches()) return;
    int slots = m.group(1) == null ? 1 : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    if (workers > slots) {
      throw new IllegalArgumentException("data parallel: " + workers + " workers need " + workers + " task slots at once (barrier mode), "
          + master + " has " + slots + ": use local[" + workers + "] or fewer workers");
    }
  }
}

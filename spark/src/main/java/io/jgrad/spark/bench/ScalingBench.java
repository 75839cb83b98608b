package io.jgrad.spark.bench;

import io.jgrad.cli.DataSources;
import io.jgrad.cli.Models;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.spark.CatalogRecipe;
import io.jgrad.spark.DataParallelConfig;
import io.jgrad.spark.DataParallelResult;
import io.jgrad.spark.EpochRecord;
import io.jgrad.spark.Sample;
import io.jgrad.spark.Samples;
import io.jgrad.spark.SparkContexts;
import io.jgrad.spark.SparkTraining;
import io.jgrad.spark.WorkerResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Data-parallel scaling on Spark: trains the {@code jgrad train} MLP with a fixed global batch on
 * {@code --workers} workers of {@code --master}, and prints each epoch's wall time and the
 * milliseconds per step spent averaging gradients (copies, the ring, and waiting for the slower
 * worker), then the medians over the epochs after the first (the first includes JIT warm-up).
 * Fashion-MNIST (60,000 examples, 784-256-128-10, 235,146 parameters) when installed, else the
 * embedded digits.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp "spark/target/jgrad-spark-app.jar:spark/target/spark-jars/*" \
 *     io.jgrad.spark.bench.ScalingBench --master local[2] --workers 2 [--epochs 3] [--batch 128]
 * </pre>
 */
public final class ScalingBench {
  private ScalingBench() {}

  public static void main(String[] args) {
    String master = "local[2]";
    int workers = 2, epochs = 3, batch = 128;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = args[++i];
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    java.nio.file.Path dir = DataSources.FASHION_DIR;
    boolean fashion = java.nio.file.Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
    TensorDataset ds = fashion ? Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"))
        : DataSources.digits().train();
    String name = fashion ? "fashion-mnist (28x28)" : "digits (8x8)";
    int[] shape = fashion ? new int[] {1, 28, 28} : new int[] {1, 8, 8};
    int classes = 10;
    CatalogRecipe recipe = CatalogRecipe.of(g -> Models.build("mlp", shape, classes, g.seed()), ps -> new AdamW(ps, 1e-3, Map.of()),
        "cross_entropy");
    List<Sample> train = Samples.of(ds);
    DataParallelConfig cfg = DataParallelConfig.builder().workers(workers).epochs(epochs).batchSize(batch / workers).seed(1).build();
    JavaSparkContext sc = SparkContexts.start(master, "jgrad scaling bench");
    try {
      DataParallelResult r = SparkTraining.fit(sc, sc.parallelize(train, workers), null, recipe, cfg);
      System.out.printf(Locale.ROOT, "%s, %d examples, global batch %d: %d workers on %s, jgrad.threads=%s%n", name, train.size(), batch,
          workers, master, System.getProperty("jgrad.threads", "default"));
      for (EpochRecord e : r.history()) {
        System.out.printf(Locale.ROOT, "epoch %d: %.2f s, train loss %.4f%n", e.epoch(), e.seconds(), e.trainLoss());
      }
      double[] later = r.history().stream().skip(1).mapToDouble(EpochRecord::seconds).sorted().toArray();
      double epoch = later.length == 0 ? r.history().get(0).seconds() : later[later.length / 2];
      for (WorkerResult w : r.workers()) {
        System.out.printf(Locale.ROOT, "worker %d: %d steps, gradient all-reduce %.3f ms per step, collective %.3f ms per call%n", w.rank(),
            w.steps(), w.gradientMillisPerStep(), w.collective().millisPerCall());
      }
      System.out.printf(Locale.ROOT, "RESULT workers=%d epoch_s=%.3f allreduce_ms_per_step=%.3f steps_per_epoch=%d%n", workers, epoch,
          r.gradientMillisPerStep(), r.rank0().steps() / Math.max(1, r.history().size()));
    } finally {
      sc.stop();
    }
  }
}

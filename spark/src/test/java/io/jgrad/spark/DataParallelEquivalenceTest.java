package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.Example;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.Trainer;
import io.jgrad.nn.train.TrainerState;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * N in-process workers train exactly like one process on the joint batches: the same
 * parameters after every step, to float rounding. The joint batch of step t is the
 * concatenation of every worker's batch t (worker r holds examples r, r + N, ...; each orders
 * them per epoch with the permutation of (seed, r, epoch)), and the loss is the mean over it.
 */
class DataParallelEquivalenceTest {
  /**
   * The workers average per-worker means ({@code sum_r b g_r / (N b)}) where one process takes
   * the mean over the joint batch: the same value summed in another order, so parameters agree
   * to float32 rounding, amplified a little by momentum over the steps (observed below 1e-7 relative).
   */
  private static final double TOL = 1e-6;

  @Test
  void sgdWithMomentumOnTwoWorkers() {
    check("sgd2", CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.1), "cross_entropy"), Fixtures.blobs(48, 1), cfg(2, 4, 3), 18);
  }

  @Test
  void threeWorkersWithUnevenPartitionsAndAPartialLastBatch() {
    // 50 examples on 3 workers: 17, 17, 16; each uses 16 (5 batches of 3 and one of 1).
    check("sgd3", CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.05), "cross_entropy"), Fixtures.blobs(50, 2), cfg(3, 3, 2), 12);
  }

  @Test
  void aTwoPassProcedureFromTheRegistry() {
    // test_sam's perturbation uses the first pass's gradient: it must be the averaged one.
    check("sam", CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.1), "cross_entropy").withProcedure("test_sam:rho=0.1"),
        Fixtures.blobs(48, 3), cfg(2, 4, 2), 12);
  }

  /**
   * The registry's {@code sam} takes its ascent gradient with {@code Autograd.grad} rather than
   * {@code ctx.backward}, so each worker perturbs the weights along its own batch's gradient and
   * only the second pass is averaged: SAM's m-sharpness with m = the worker's batch, which is
   * what the paper's own multi-accelerator implementation computes (Foret et al. 2021, section
   * 4.1). The reference is one process running the same {@code Sam} on each worker's part of the
   * joint batch and averaging the second-pass gradients.
   */
  @Test
  void theCatalogSamPerturbsPerWorker() {
    Assumptions.assumeTrue(Catalog.contains("sam"), "sam is not in the registry of this build");
    CatalogRecipe dp = CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.1), "cross_entropy").withProcedure("sam:rho=0.05");
    DataParallelConfig c = cfg(2, 4, 2);
    TrainingRecipe ref = new PerWorkerSam(dp, 2, 0.05);
    check("catalog-sam", dp, ref, Fixtures.blobs(48, 3), c, 12);
  }

  /** The reference of the registry's sam on N workers: Sam on each of the joint batch's N parts, second-pass gradients averaged. */
  record PerWorkerSam(CatalogRecipe base, int workers, double rho) implements TrainingRecipe {
    @Override public Module model(Generator g) { return base.model(g); }

    @Override public Optimizer optimizer(Module m) { return base.optimizer(m); }

    @Override public io.jgrad.nn.train.Objective objective() { return base.objective(); }

    @Override
    public io.jgrad.nn.train.TrainStep step() {
      io.jgrad.losses.procedure.Sam sam = new io.jgrad.losses.procedure.Sam(rho);
      return ctx -> {
        Batch b = ctx.batch();
        int part = b.size() / workers;
        Tensor first = null;
        for (int r = 0; r < workers; r++) {
          Batch chunk = new Batch(b.x().narrow(0, r * part, part), b.y().narrow(0, r * part, part),
              b.index() == null ? null : b.index().narrow(0, r * part, part), java.util.Map.of());
          Tensor l = sam.run(new io.jgrad.nn.train.StepContext() {
            @Override public Module model() { return ctx.model(); }
            @Override public Optimizer optimizer() { return ctx.optimizer(); }
            @Override public Batch batch() { return chunk; }
            @Override public Tensor forward(Tensor x) { return ctx.forward(x); }
            @Override public Tensor loss(Tensor out, Batch bb) { return ctx.loss(out, bb); }
            @Override public void backward(Tensor loss) { ctx.backward(loss.mul(1.0 / workers)); }
            @Override public void zeroGrad() { throw new IllegalStateException("not expected"); }
            @Override public void step() {}
            @Override public boolean isUpdateStep() { return ctx.isUpdateStep(); }
            @Override public long stepCount() { return ctx.stepCount(); }
            @Override public int epoch() { return ctx.epoch(); }
          });
          if (first == null) first = l;
        }
        ctx.step();
        return first;
      };
    }
  }

  @Test
  void aCatalogRegularizerWithAdamOnImages() {
    CatalogRecipe r = CatalogRecipe.of(Fixtures.denoiser(), Fixtures.adam(0.01), "mse")
        .withRegularizers(List.of("total_variation_loss:lambda=0.05"));
    DataParallelConfig c = cfg(2, 4, 2).toBuilder().targetShape(1, 4, 4).build();
    check("tv", r, Fixtures.images(40, 4), c, 10);
  }

  @Test
  void accumulationAndClippingAfterAveraging() {
    DataParallelConfig c = cfg(2, 4, 2).toBuilder().accumulate(2).clipGradNorm(0.5).build();
    check("acc", CatalogRecipe.of(Fixtures.mlp(), Fixtures.sgd(0.2), "cross_entropy"), Fixtures.blobs(40, 5), c, 10);
  }

  private static DataParallelConfig cfg(int workers, int batch, int epochs) {
    return DataParallelConfig.builder().workers(workers).batchSize(batch).epochs(epochs).seed(11).build();
  }

  /** Trains both ways and compares the parameters after every batch. */
  private static void check(String key, CatalogRecipe recipe, List<Sample> data, DataParallelConfig cfg, int batches) {
    check(key, recipe, recipe, data, cfg, batches);
  }

  /** {@code recipe} on the workers against {@code reference} in one process on the joint batches. */
  private static void check(String key, CatalogRecipe recipe, TrainingRecipe reference, List<Sample> data, DataParallelConfig cfg,
                            int batches) {
    DataParallelResult dp = LocalDataParallel.fit(data, null, new Fixtures.Recording(recipe, key), cfg);
    assertTrue(dp.consistent(), "every worker must end with the same bits");
    List<float[]> got = Fixtures.STEPS.get(key);
    List<float[]> want = reference(key + "-ref", reference, data, cfg);
    assertEquals(batches, want.size(), "batches of the single-process run");
    assertEquals(want.size(), got.size(), "batches");
    double worst = 0;
    for (int s = 0; s < want.size(); s++) {
      float[] a = got.get(s), b = want.get(s);
      for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
      double w = worst;
      assertTrue(w <= TOL, () -> key + ": step " + w);
    }
    // The parameters moved: a check that cannot pass by standing still.
    float[] first = Fixtures.flat(recipe.model(new Generator(cfg.seed)));
    double moved = 0;
    float[] last = want.get(want.size() - 1);
    for (int i = 0; i < last.length; i++) moved = Math.max(moved, Math.abs(last[i] - first[i]));
    assertTrue(moved > 1e-3, key + ": parameters moved by " + moved);
    System.out.printf("%s: %d steps, largest relative difference %.2e%n", key, want.size(), worst);
  }

  /** One process on the joint batches, with the same recipe. */
  private static List<float[]> reference(String key, TrainingRecipe recipe, List<Sample> data, DataParallelConfig cfg) {
    int n = cfg.workers, b = cfg.batchSize;
    int m = data.size() / n; // the smallest partition: examples r, r + n, ...
    Dataset all = Samples.dataset(data, cfg.featureShape, cfg.targetShape);
    Joint joint = new Joint(all, n, m, b, cfg.seed);
    Module model = recipe.model(new Generator(cfg.seed));
    Optimizer opt = recipe.optimizer(model);
    Trainer t = Trainer.builder(model, opt, recipe.objective()).regularizers(recipe.regularizers().toArray(new Regularizer[0]))
        .trainStep(recipe.step()).epochs(cfg.epochs).accumulate(cfg.accumulate).clipGradNorm(cfg.clipGradNorm > 0 ? cfg.clipGradNorm : 1e30)
        .callbacks(joint, Fixtures.recorder(key)).build();
    t.fit(DataLoader.builder(joint, n * b).build(), null);
    return Fixtures.STEPS.get(key);
  }

  /** The joint order of an epoch: worker 0's batch t, worker 1's batch t, ..., then batch t + 1. */
  private static final class Joint implements Dataset, Callback {
    private final Dataset all;
    private final int n, m, b;
    private final long seed;
    private int[] order;

    Joint(Dataset all, int n, int m, int b, long seed) {
      this.all = all;
      this.n = n;
      this.m = m;
      this.b = b;
      this.seed = seed;
    }

    void epoch(int e) {
      int[][] perms = new int[n][];
      for (int r = 0; r < n; r++) perms[r] = WorkerData.permutation(seed, r, e, m);
      order = new int[n * m];
      int k = 0;
      for (int start = 0; start < m; start += b) {
        for (int r = 0; r < n; r++) {
          for (int i = start; i < Math.min(start + b, m); i++) order[k++] = r + n * perms[r][i];
        }
      }
    }

    @Override public void onTrainStart(TrainerState s) { epoch(s.epoch()); }

    @Override public void onEpochEnd(TrainerState s, EpochResult r) { epoch(r.epoch() + 1); }

    @Override public int size() { return n * m; }

    @Override public Example get(int i) { return all.get(order[i]); }

    @Override
    public Batch batch(int[] idx) {
      int[] g = new int[idx.length];
      for (int i = 0; i < idx.length; i++) g[i] = order[idx[i]];
      return all.batch(g);
    }
  }

  @Test
  void theDataOrderIsAFunctionOfSeedRankAndEpoch() {
    int[] a = WorkerData.permutation(1, 0, 3, 20), b = WorkerData.permutation(1, 0, 3, 20);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    assertTrue(!java.util.Arrays.equals(a, WorkerData.permutation(1, 1, 3, 20)), "ranks differ");
    assertTrue(!java.util.Arrays.equals(a, WorkerData.permutation(1, 0, 4, 20)), "epochs differ");
    try (Tensor t = Tensor.of(1f)) {
      assertEquals(1, t.numel());
    }
  }
}

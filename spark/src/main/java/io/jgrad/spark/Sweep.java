package io.jgrad.spark;

import io.jgrad.nn.data.Dataset;
import io.jgrad.spark.collective.Collective;
import io.jgrad.spark.collective.LocalCollectives;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Catalog sweeps (components x hyperparameters x seeds) as an ordinary Spark job: one task per
 * trial, each training one model in a single process on the whole (broadcast) training set and
 * evaluating it on the validation set; the driver collects one row per trial into a
 * {@link SweepResult} (mean ± sd over seeds per configuration).
 *
 * <pre>{@code
 * CatalogRecipe base = CatalogRecipe.of(model, optimizer, "cross_entropy");
 * List<Sweep.Trial> trials = Sweep.grid(base,
 *     Sweep.specs("focal_loss", "gamma", 0, 1, 2),        // losses
 *     List.of(List.of()),                                  // regularizer sets
 *     List.of("none", "sam:rho=0.05"),                     // procedures
 *     1, 2, 3);                                            // seeds
 * SweepResult r = Sweep.run(sc, trials, train, validation, DataParallelConfig.builder().epochs(5).batchSize(64).build());
 * System.out.println(r.text());
 * }</pre>
 */
public final class Sweep {
  /** One trial: its configuration's name (the row of the table), the recipe and the seed. */
  public record Trial(String config, TrainingRecipe recipe, long seed) implements Serializable {}

  private Sweep() {}

  /** {@code id:param=v} for each value: one component at several hyperparameter values. */
  public static List<String> specs(String id, String param, Object... values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) out.add(id + ":" + param + "=" + v);
    return out;
  }

  /**
   * Every loss x regularizer set x procedure ("none": the standard step) x seed, over
   * {@code base} (its model, optimizer and schedule).
   */
  public static List<Trial> grid(CatalogRecipe base, List<String> losses, List<List<String>> regularizerSets, List<String> procedures,
                                 long... seeds) {
    if (seeds.length == 0) throw new IllegalArgumentException("Sweep.grid: no seeds");
    List<Trial> out = new ArrayList<>();
    for (String loss : losses) {
      for (List<String> regs : regularizerSets) {
        for (String proc : procedures) {
          CatalogRecipe r = base.withLoss(loss).withRegularizers(regs).withProcedure(proc);
          for (long s : seeds) out.add(new Trial(r.describe(), r, s));
        }
      }
    }
    return out;
  }

  /**
   * Runs the trials as one Spark job (one task each, as many at once as the cluster has slots)
   * with {@code cfg}'s epochs, batch size and checkpoint-free settings (its seed is the trial's).
   * Catalog recipes are built on the driver first, so a bad spec fails before the job.
   */
  public static SweepResult run(JavaSparkContext sc, List<Trial> trials, List<Sample> train, List<Sample> validation,
                                DataParallelConfig cfg) {
    validate(trials);
    Broadcast<List<Sample>> tr = sc.broadcast(List.copyOf(train));
    Broadcast<List<Sample>> va = validation == null ? null : sc.broadcast(List.copyOf(validation));
    sc.setJobDescription("jgrad sweep: " + trials.size() + " trials");
    try {
      List<TrialResult> rows = sc.parallelize(trials, Math.max(1, trials.size()))
          .map(t -> runTrial(t, tr.value(), va == null ? null : va.value(), cfg)).collect();
      return new SweepResult(rows);
    } finally {
      sc.setJobDescription(null);
      tr.destroy();
      if (va != null) va.destroy();
    }
  }

  /** The trials one after another in this JVM (no Spark). */
  public static SweepResult runLocal(List<Trial> trials, List<Sample> train, List<Sample> validation, DataParallelConfig cfg) {
    validate(trials);
    List<TrialResult> rows = new ArrayList<>();
    for (Trial t : trials) rows.add(runTrial(t, train, validation, cfg));
    return new SweepResult(rows);
  }

  private static void validate(List<Trial> trials) {
    for (Trial t : trials) if (t.recipe() instanceof CatalogRecipe c) c.validate();
  }

  /** Trains one trial in a single process; a failure or a divergence becomes the row's error. */
  static TrialResult runTrial(Trial t, List<Sample> train, List<Sample> validation, DataParallelConfig cfg) {
    long t0 = System.nanoTime();
    DataParallelConfig c = cfg.toBuilder().workers(1).seed(t.seed()).checkpointDir(null, 1).build();
    try (Collective one = LocalCollectives.create(1).get(0)) {
      Dataset tr = Samples.dataset(train, c.featureShape, c.targetShape);
      Dataset va = validation == null ? null : Samples.dataset(validation, c.featureShape, c.targetShape);
      WorkerResult r = Worker.run(one, 0, tr, null, va, t.recipe(), c);
      double secs = (System.nanoTime() - t0) / 1e9;
      List<EpochRecord> h = r.epochs();
      EpochRecord last = h.isEmpty() ? null : h.get(h.size() - 1);
      double best = h.stream().mapToDouble(EpochRecord::valAccuracy).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
      String error = r.diverged() == null ? null : String.format(Locale.ROOT, "diverged at epoch %d, step %d", r.diverged().epoch(),
          r.diverged().step());
      return new TrialResult(t.config(), t.seed(), last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.valLoss(),
          last == null ? Double.NaN : last.valAccuracy(), best, h.size(), secs, error);
    } catch (RuntimeException e) {
      return new TrialResult(t.config(), t.seed(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, (System.nanoTime() - t0) / 1e9,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}

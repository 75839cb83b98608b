package io.jgrad.cli;

import io.jgrad.spark.CatalogRecipe;
import io.jgrad.spark.DataParallelConfig;
import io.jgrad.spark.Sample;
import io.jgrad.spark.Samples;
import io.jgrad.spark.SparkContexts;
import io.jgrad.spark.Sweep;
import io.jgrad.spark.SweepResult;
import io.jgrad.spark.TrainingRecipe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code jgrad sweep --spark MASTER [--loss SPEC]... [--regularizer SPEC|none]... [--procedure SPEC|none]... [--seeds N]
 * [--out FILE.md]} with {@code jgrad train}'s data, model and optimizer options: every loss x
 * regularizer x procedure x seed (1..N) as one Spark job, one task per trial, each training on
 * the training split and scored on the validation split; prints the table (mean ± sd over seeds)
 * and writes it as Markdown. {@code --spark none} runs the trials here, one after another.
 * bin/jgrad runs this class (with the spark module's class path) for {@code bin/jgrad sweep}.
 */
public final class SweepCommand {
  private SweepCommand() {}

  public static void main(String[] args) {
    int code = 0;
    try {
      run(List.of(args), System.out);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      System.err.println("jgrad sweep: " + Main.message(e));
      code = 2;
    }
    System.exit(code);
  }

  static void usage(PrintStream p) {
    p.println("usage: bin/jgrad sweep --spark MASTER|none [--loss ID[:k=v,...]]... [--regularizer ID[:k=v,...]|none]...");
    p.println("         [--procedure ID[:k=v,...]|none]... [--seeds N] [--out FILE.md] [jgrad train's data, model and optimizer options]");
    p.println("Trains every loss x regularizer x procedure x seed (1..N) as one Spark job, one task per trial, on the training");
    p.println("split, scores each on the validation split, and prints mean ± sd over the seeds per configuration.");
    p.println("  --spark MASTER        local[N], spark://host:7077, yarn, default (spark-submit's), or none (here, one by one)");
    p.println("  --loss, --regularizer, --procedure  repeatable; each value is one row of the grid  [cross_entropy; none; none]");
    p.println("  --seeds N             seeds 1..N per configuration  [3]");
    p.println("  --out FILE.md         also write the table as Markdown");
  }

  static SweepResult run(List<String> args, PrintStream out) throws IOException {
    List<String> losses = new ArrayList<>(), regs = new ArrayList<>(), procs = new ArrayList<>(), rest = new ArrayList<>();
    String master = null, table = null;
    int seeds = 3;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String key = a.startsWith("--") ? a.substring(2) : "";
      String value = null;
      if (key.contains("=")) {
        value = key.substring(key.indexOf('=') + 1);
        key = key.substring(0, key.indexOf('='));
      }
      if (key.equals("help") || a.equals("-h")) {
        usage(out);
        return new SweepResult(List.of());
      }
      if (!List.of("loss", "regularizer", "procedure", "spark", "seeds", "out").contains(key)) {
        rest.add(a);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) throw new IllegalArgumentException("option --" + key + " needs a value");
        value = args.get(++i);
      }
      switch (key) {
        case "loss" -> losses.add(value);
        case "regularizer" -> regs.add(value);
        case "procedure" -> procs.add(value);
        case "spark" -> master = value;
        case "out" -> table = value;
        default -> seeds = positive(key, value);
      }
    }
    if (master == null) throw new IllegalArgumentException("--spark MASTER is required (local[2], spark://host:7077, yarn, default, or none)");
    Options o = Options.parse(rest, Options.TRAIN_KEYS, "sweep");
    TrainSettings s = TrainSettings.of(o);
    if (s.regression()) throw new IllegalArgumentException("sweep compares classification runs (--task classification)");
    if (losses.isEmpty()) losses.add(s.defaultLoss());
    if (procs.isEmpty()) procs.add("none");
    List<List<String>> regSets = new ArrayList<>();
    for (String r : regs.isEmpty() ? List.of("none") : regs) regSets.add(r.equals("none") ? List.of() : List.of(Components.normalize(r)));
    for (int i = 0; i < losses.size(); i++) losses.set(i, Components.normalize(losses.get(i)));
    for (int i = 0; i < procs.size(); i++) if (!procs.get(i).equals("none")) procs.set(i, Components.normalize(procs.get(i)));

    RunData data = RunData.forTraining(o, s, null);
    if (data.val() == null) throw new IllegalArgumentException("sweep scores on the validation split: --val-split must be > 0");
    Components components = Components.parse(o, s.defaultLoss());
    ModelSpec spec = ModelSpec.of(o, s.model(), data.exampleShape(), data.classes());
    RunInfo info = new RunInfo(s.task(), s.dataset(), spec, data.labels(), data.targetNames(), data.featureNames(), data.labelName(),
        data.standardizer(), data.missing(), data.fill(), RunConfig.recordOptions(o), components.record());
    Map<String, String> meta = new LinkedHashMap<>(info.toMetadata());
    String opt = s.optimizer(), sched = s.schedule();
    double lr = s.lr(), momentum = s.momentum(), wd = s.weightDecay();
    TrainingRecipe.ModelFactory model = g -> RunInfo.fromMetadata(meta).buildModel(g.seed());
    TrainingRecipe.OptimizerFactory optimizer = ps -> Optimizers.build(opt, ps, lr, momentum, wd);
    TrainingRecipe.ScheduleFactory schedule = (op, e, b) -> {
      Optimizers.Schedule x = Optimizers.schedule(sched, op, lr, e, b);
      return x == null ? null : new TrainingRecipe.Schedule(x.scheduler(), x.perStep());
    };
    CatalogRecipe base = CatalogRecipe.of(model, optimizer, losses.get(0)).withSchedule(schedule);
    long[] seedList = new long[seeds];
    for (int i = 0; i < seeds; i++) seedList[i] = i + 1;
    List<Sweep.Trial> trials = Sweep.grid(base, losses, regSets, procs, seedList);
    List<Sample> train = Samples.of(data.train()), val = Samples.of(data.val());
    DataParallelConfig cfg = DataParallelConfig.builder().epochs(s.epochs()).batchSize(s.batchSize())
        .featureShape(Arrays.copyOfRange(data.train().features().shape(), 1, data.train().features().dim())).build();
    out.printf(Locale.ROOT, "jgrad sweep: %d trials (%d configurations x %d seeds) on %s (%d train / %d validation), model %s, %s lr=%.3g, "
        + "%d epochs, batch %d%n", trials.size(), trials.size() / seeds, seeds, data.name(), train.size(), val.size(), spec.describe(), opt,
        lr, s.epochs(), s.batchSize());
    long t0 = System.nanoTime();
    SweepResult r;
    if (master.equals("none")) {
      r = Sweep.runLocal(trials, train, val, cfg);
    } else {
      boolean ours = SparkContexts.active() == null;
      JavaSparkContext sc = ours ? SparkContexts.start(master, "jgrad sweep") : SparkContexts.active();
      try {
        r = Sweep.run(sc, trials, train, val, cfg);
      } finally {
        if (ours) sc.stop();
      }
    }
    out.print(r.text());
    out.printf(Locale.ROOT, "%d trials in %.1f s%n", trials.size(), (System.nanoTime() - t0) / 1e9);
    if (table != null) {
      Path p = Path.of(table).toAbsolutePath();
      if (p.getParent() != null) Files.createDirectories(p.getParent());
      Files.writeString(p, r.markdown(), StandardCharsets.UTF_8);
      out.println("table: " + p);
    }
    return r;
  }

  private static int positive(String key, String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--" + key + " must be a positive integer, got '" + v + "'");
  }
}

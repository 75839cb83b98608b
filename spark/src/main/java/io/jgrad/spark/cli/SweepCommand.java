package io.jgrad.spark.cli;

import io.jgrad.cli.DataSources;
import io.jgrad.cli.Models;
import io.jgrad.cli.Optimizers;
import io.jgrad.cli.Options;
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
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code jgrad sweep --spark MASTER --loss SPEC... [--regularizer SPEC|none]... [--procedure SPEC|none]... [--seeds N]
 * [--out FILE.md]} plus {@code jgrad train}'s data, model and optimizer options: every loss x
 * regularizer x procedure x seed (1..N) trained as one Spark job, one task per trial, and the
 * table of mean ± sd over seeds. {@code --spark none} runs the trials here, one after another.
 */
public final class SweepCommand {
  private static final List<String> GRID_KEYS = List.of("loss", "regularizer", "procedure");

  private SweepCommand() {}

  public static void main(String[] args) {
    try {
      run(List.of(args), System.out);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      System.err.println("jgrad sweep: " + e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }

  public static SweepResult run(List<String> args, PrintStream out) throws IOException {
    List<String> losses = new ArrayList<>(), regs = new ArrayList<>(), procs = new ArrayList<>(), rest = new ArrayList<>();
    String master = null, outFile = null;
    int seeds = 3;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String key = a.startsWith("--") ? a.substring(2) : "";
      if (key.equals("help")) {
        out.println("usage: bin/jgrad sweep --spark MASTER|none --loss SPEC [--loss SPEC ...] [--regularizer SPEC|none ...]"
            + " [--procedure SPEC|none ...] [--seeds 3] [--out FILE.md] [jgrad train's --dataset/--model/--optimizer/--lr/--epochs/--batch-size ...]");
        return new SweepResult(List.of());
      }
      if (GRID_KEYS.contains(key) || key.equals("spark") || key.equals("seeds") || key.equals("out")) {
        if (i + 1 >= args.size()) throw new IllegalArgumentException("option --" + key + " needs a value");
        String v = args.get(++i);
        switch (key) {
          case "loss" -> losses.add(v);
          case "regularizer" -> regs.add(v);
          case "procedure" -> procs.add(v);
          case "spark" -> master = v;
          case "out" -> outFile = v;
          default -> seeds = positive(key, v);
        }
      } else {
        rest.add(a);
      }
    }
    if (master == null) throw new IllegalArgumentException("--spark MASTER is required (local[2], spark://host:7077, yarn, default, or none)");
    if (losses.isEmpty()) losses.add("cross_entropy");
    if (procs.isEmpty()) procs.add("none");
    List<List<String>> regSets = new ArrayList<>();
    for (String r : regs.isEmpty() ? List.of("none") : regs) regSets.add(r.equals("none") ? List.of() : List.of(r));

    Options o = Options.parse(rest, Options.TRAIN_KEYS, "sweep");
    String dataset = o.choice("dataset", "digits", "digits", "fashion-mnist", "csv");
    String kind = o.choice("model", "mlp", "mlp", "cnn");
    String opt = o.choice("optimizer", "adamw", "sgd", "adam", "adamw");
    String sched = o.choice("schedule", "cosine", "none", "step", "cosine", "onecycle");
    double lr = o.number("lr", opt.equals("sgd") ? 0.05 : 3e-3, 0, false, Double.POSITIVE_INFINITY);
    double momentum = o.number("momentum", 0.9, 0, true, 1);
    double wd = o.number("weight-decay", opt.equals("adamw") ? 1e-4 : 0, 0, true, Double.POSITIVE_INFINITY);
    int epochs = o.positiveInt("epochs", dataset.equals("fashion-mnist") ? 2 : 5);
    int batch = o.positiveInt("batch-size", 32);
    DataSources.Data data = DataSources.load(o, true);
    int[] shape = data.exampleShape();
    int classes = data.classes();
    TrainingRecipe.ModelFactory model = g -> Models.build(kind, shape, classes, g.seed());
    TrainingRecipe.OptimizerFactory optimizer = ps -> Optimizers.build(opt, ps, lr, momentum, wd);
    TrainingRecipe.ScheduleFactory schedule = (op, e, b) -> {
      Optimizers.Schedule s = Optimizers.schedule(sched, op, lr, e, b);
      return s == null ? null : new TrainingRecipe.Schedule(s.scheduler(), s.perStep());
    };
    CatalogRecipe base = CatalogRecipe.of(model, optimizer, losses.get(0)).withSchedule(schedule);
    long[] seedList = new long[seeds];
    for (int s = 0; s < seeds; s++) seedList[s] = s + 1;
    List<Sweep.Trial> trials = Sweep.grid(base, losses, regSets, procs, seedList);
    List<Sample> train = Samples.of(data.train()), test = Samples.of(data.test());
    DataParallelConfig cfg = DataParallelConfig.builder().epochs(epochs).batchSize(batch).build();
    out.printf(Locale.ROOT, "jgrad sweep: %d trials (%d configurations x %d seeds) on %s, model %s, %s lr=%.3g, %d epochs, batch %d%n",
        trials.size(), trials.size() / seeds, seeds, data.name(), kind, opt, lr, epochs, batch);
    long t0 = System.nanoTime();
    SweepResult r;
    if (master.equals("none")) {
      r = Sweep.runLocal(trials, train, test, cfg);
    } else {
      boolean ours = SparkContexts.active() == null;
      JavaSparkContext sc = ours ? SparkContexts.start(master, "jgrad sweep") : SparkContexts.active();
      try {
        r = Sweep.run(sc, trials, train, test, cfg);
      } finally {
        if (ours) sc.stop();
      }
    }
    out.print(r.text());
    out.printf(Locale.ROOT, "%d trials in %.1f s%n", trials.size(), (System.nanoTime() - t0) / 1e9);
    if (outFile != null) {
      Path p = Path.of(outFile);
      if (p.toAbsolutePath().getParent() != null) Files.createDirectories(p.toAbsolutePath().getParent());
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

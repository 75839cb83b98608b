package io.jgrad.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The training options of {@code jgrad train} resolved against their defaults (the constants
 * below, which {@link Help} prints, so the help says what the code does).
 */
record TrainSettings(String task, String dataset, String model, String optimizer, String schedule, double lr, double momentum, double weightDecay,
                     int epochs, int batchSize, long seed, double valSplit, boolean standardize, int patience, Path out) {
  static final String DATASET = "digits";
  static final String OPTIMIZER = "adamw";
  static final String SCHEDULE = "cosine";
  static final double LR = 3e-3;
  static final double SGD_LR = 0.05;
  static final double MOMENTUM = 0.9;
  static final double ADAMW_WEIGHT_DECAY = 1e-4;
  static final int EPOCHS = 15;
  static final int FASHION_EPOCHS = 5;
  static final int BATCH_SIZE = 32;
  static final long SEED = 42;

  boolean regression() { return task.equals("regression"); }

  /** The loss when --loss is not given: cross entropy, or mse for regression. */
  String defaultLoss() { return regression() ? RegressionTask.DEFAULT_LOSS : Components.DEFAULT_LOSS; }

  /** The model kind by default: the small CNN on the digits (97.5% in 15 epochs, ~5 s; an MLP plateaus near 95.5% there), else the MLP. */
  static String defaultModel(String dataset) { return dataset.equals("digits") ? "cnn" : "mlp"; }

  static TrainSettings of(Options o) {
    String task = o.choice("task", "classification", "classification", "regression");
    boolean regression = task.equals("regression");
    String dataset = o.choice("dataset", regression ? "csv" : DATASET, "digits", "fashion-mnist", "csv");
    String model = o.choice("model", regression ? "mlp" : defaultModel(dataset), "mlp", "cnn");
    if (regression) {
      RegressionTask.checkDataset(dataset);
      RegressionTask.checkModel(model);
    }
    String opt = o.choice("optimizer", OPTIMIZER, "sgd", "adam", "adamw");
    String sched = o.choice("schedule", SCHEDULE, "none", "step", "cosine", "onecycle");
    double lr = o.number("lr", opt.equals("sgd") ? SGD_LR : LR, 0, false, Double.POSITIVE_INFINITY);
    double momentum = o.number("momentum", MOMENTUM, 0, true, 1);
    double wd = o.number("weight-decay", opt.equals("adamw") ? ADAMW_WEIGHT_DECAY : 0, 0, true, Double.POSITIVE_INFINITY);
    int epochs = o.positiveInt("epochs", dataset.equals("fashion-mnist") ? FASHION_EPOCHS : EPOCHS);
    int batch = o.positiveInt("batch-size", BATCH_SIZE);
    long seed = o.longValue("seed", SEED);
    double val = o.number("val-split", RunData.DEFAULT_VAL_SPLIT, 0, true, 1);
    boolean standardize = o.has("standardize") ? o.flag("standardize") : RunData.standardizeByDefault(dataset);
    int patience = o.has("early-stopping") ? o.positiveInt("early-stopping", 1) : 0;
    Path out = o.has("out") ? Path.of(o.str("out", ""))
        : Path.of(System.getProperty("jgrad.runs", "runs"), LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    return new TrainSettings(task, dataset, model, opt, sched, lr, momentum, wd, epochs, batch, seed, val, standardize, patience, out);
  }

  /** The metric that picks the best checkpoint and drives early stopping: the validation loss, or the training loss without validation. */
  static String monitor(boolean validation) { return validation ? "val_loss" : "train_loss"; }
}

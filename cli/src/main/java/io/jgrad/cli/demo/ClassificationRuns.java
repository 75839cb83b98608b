package io.jgrad.cli.demo;

import io.jgrad.losses.metrics.ExpectedCalibrationError;
import io.jgrad.losses.metrics.ReliabilityBins;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Training and evaluation shared by the classification family's demonstrations: a seeded MLP
 * trained by the Trainer with Adam on any objective and regularizers, and the measures the demos
 * report (accuracy, per-class recall, binary F1, ECE, exact zeros of sparsemax).
 */
public final class ClassificationRuns {
  /**
   * How a model is trained; the component and its baseline share one. {@code momentum} NaN means
   * Adam, otherwise SGD with that momentum.
   */
  public record Recipe(int hidden, int epochs, int batch, double lr, double weightDecay, double momentum) {
    /** Adam. */
    public Recipe(int hidden, int epochs, int batch, double lr, double weightDecay) {
      this(hidden, epochs, batch, lr, weightDecay, Double.NaN);
    }
  }

  private ClassificationRuns() {}

  /** An MLP in -> hidden -> out (ReLU), PyTorch's Linear init from a generator seeded by {@code seed}. */
  public static Sequential mlp(int in, int hidden, int out, long seed) {
    Generator g = new Generator(seed * 1009 + 5);
    return new Sequential(new Linear(in, hidden, true, g), new ReLU(), new Linear(hidden, out, true, g));
  }

  /** Trains {@code model} on {@code train} with {@code objective} and {@code regs}; the shuffle is seeded by {@code seed}. */
  public static Module train(Module model, TensorDataset train, Recipe r, long seed, Objective objective, List<Regularizer> regs,
                             List<Callback> callbacks) {
    Optimizer opt = Double.isNaN(r.momentum()) ? new Adam(model.parameters(), r.lr(), java.util.Map.of("weightDecay", r.weightDecay()))
        : new SGD(model.parameters(), r.lr(), java.util.Map.of("momentum", r.momentum(), "weightDecay", r.weightDecay()));
    DemoTraining.fit(model, opt, objective, DemoTraining.loader(train, r.batch(), seed * 7919 + 11, null), r.epochs(), null, regs, callbacks);
    return model;
  }

  /** The model's outputs on {@code x}, in eval mode and without gradient. */
  public static Tensor outputs(Module model, Tensor x) {
    boolean was = model.isTraining();
    model.eval();
    try (GradMode.Scope off = GradMode.disabled()) {
      return model.forward(x);
    } finally {
      model.train(was);
    }
  }

  public static double accuracy(Tensor logits, Tensor y) {
    return logits.argmax(1, false).eq(y).to(DType.FLOAT64).mean().item();
  }

  /** Recall of class {@code cls}: the fraction of its test samples predicted as it. */
  public static double recall(Tensor logits, Tensor y, int cls) {
    long[] pred = logits.argmax(1, false).toLongArray(), t = y.toLongArray();
    int hit = 0, n = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == cls) {
        n++;
        if (pred[i] == cls) hit++;
      }
    }
    return n == 0 ? Double.NaN : (double) hit / n;
  }

  /** F1 of binary predictions {@code score > 0} (a logit threshold of probability 0.5) against 0/1 labels. */
  public static double f1(Tensor scores, Tensor y01) {
    double[] s = scores.reshape(-1).toDoubleArray(), t = y01.reshape(-1).toDoubleArray();
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < s.length; i++) {
      boolean p = s[i] > 0, pos = t[i] > 0.5;
      if (p && pos) tp++;
      else if (p) fp++;
      else if (pos) fn++;
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Binary accuracy of {@code score > 0} against 0/1 labels. */
  public static double binaryAccuracy(Tensor scores, Tensor y01) {
    return scores.reshape(-1).gt(0).to(DType.FLOAT64).eq(y01.reshape(-1).to(DType.FLOAT64)).to(DType.FLOAT64).mean().item();
  }

  public static ReliabilityBins reliability(Tensor logits, Tensor y) {
    return ExpectedCalibrationError.reliability(logits, y, ExpectedCalibrationError.DEFAULT_BINS, true);
  }

  /** The fraction of sparsemax output probabilities that are exactly 0. */
  public static double zeroFraction(Tensor logits) {
    return io.jgrad.nn.Sparsemax.sparsemax(logits, 1).eq(0).to(DType.FLOAT64).mean().item();
  }

  /** Mean and sample standard deviation. */
  public static double[] meanSd(List<Double> v) {
    double m = 0;
    for (double d : v) m += d;
    m /= v.size();
    double s = 0;
    for (double d : v) s += (d - m) * (d - m);
    return new double[] {m, v.size() > 1 ? Math.sqrt(s / (v.size() - 1)) : 0};
  }

  static List<Regularizer> none() { return new ArrayList<>(); }
}

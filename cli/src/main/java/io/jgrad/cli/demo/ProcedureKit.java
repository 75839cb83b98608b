package io.jgrad.cli.demo;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.cli.DataSources;
import io.jgrad.losses.Losses;
import io.jgrad.losses.attack.Attack;
import io.jgrad.losses.curvature.Curvature;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Data, models, training and measurements shared by the procedures family's demonstrations. */
final class ProcedureKit {
  private ProcedureKit() {}

  static final Objective CE = Objective.of(Losses::crossEntropy);

  /**
   * Cross entropy over the labelled examples of a batch (labels -100 ignored), 0 for a batch
   * with none (torch's mean would be 0/0): for the semi-supervised demos.
   */
  static final Objective LABELLED_CE = (out, b) -> {
    Tensor per = Losses.crossEntropy(out, b.y(), null, Losses.IGNORE_INDEX, io.jgrad.losses.Reduction.NONE, 0);
    Tensor n = b.y().ne(Losses.IGNORE_INDEX).sum().to(per.dtype()).clampMin(1);
    return per.sum().div(n);
  };

  /** Train and test sets with their per-example feature count. */
  record Split(TensorDataset train, TensorDataset test, int features, int classes) {}

  /** The embedded digits, jgrad train's fixed 1437/360 split, flattened to 64 features. */
  static Split digits() {
    DataSources.Data d = DataSources.digits();
    return new Split(flat(d.train()), flat(d.test()), 64, 10);
  }

  /** {@code n} training and {@code m} test examples of Fashion-MNIST (a seeded subset), flattened. */
  static Split fashion(int n, int m, long seed) {
    Path dir = DataSources.FASHION_DIR;
    TensorDataset train = Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    TensorDataset test = Idx.dataset(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    return new Split(flat(subset(train, n, seed)), flat(subset(test, m, seed + 1)), 784, 10);
  }

  static TensorDataset flat(TensorDataset d) {
    Tensor x = d.features();
    return new TensorDataset(x.reshape(x.size(0), -1).contiguous(), d.labels());
  }

  /** A seeded random subset of {@code n} examples (all when the set is smaller). */
  static TensorDataset subset(TensorDataset d, int n, long seed) {
    int k = Math.min(n, d.size());
    Tensor idx = Tensor.randperm(new Generator(seed), d.size()).narrow(0, 0, k);
    return new TensorDataset(d.features().indexSelect(0, idx).contiguous(), d.labels().indexSelect(0, idx).contiguous());
  }

  /** Symmetric label noise: a fraction {@code rate} of the labels replaced by a uniformly drawn other class. */
  static TensorDataset noisyLabels(TensorDataset d, double rate, int classes, long seed) {
    Generator g = new Generator(seed);
    long[] y = d.labels().toLongArray();
    double[] u = Tensor.rand(g, y.length).to(io.jgrad.tensor.DType.FLOAT64).toDoubleArray();
    long[] other = Tensor.randint(g, 1, classes, y.length).toLongArray();
    for (int i = 0; i < y.length; i++) if (u[i] < rate) y[i] = (y[i] + other[i]) % classes;
    return new TensorDataset(d.features(), Tensor.fromArray(y, y.length));
  }

  /** Linear(in, hidden) ReLU [Linear(hidden, hidden) ReLU] Linear(hidden, classes), seeded. */
  static Sequential mlp(int in, int hidden, int classes, boolean deep, long seed) {
    Generator g = new Generator(seed);
    Sequential s = new Sequential(new Flatten(), new Linear(in, hidden, true, g), new ReLU());
    if (deep) {
      s.add(new Linear(hidden, hidden, true, g));
      s.add(new ReLU());
    }
    s.add(new Linear(hidden, classes, true, g));
    return s;
  }

  /** Trains {@code model} with the Trainer; the shuffling derives from {@code seed}. */
  static History train(Module model, Optimizer opt, Objective objective, TrainStep step, List<Regularizer> regs,
                       TensorDataset train, int epochs, int batch, long seed) {
    return DemoTraining.fit(model, opt, objective, DemoTraining.loader(train, batch, seed * 7919 + 1, null), epochs, step, regs, List.of());
  }

  static SGD sgd(Module m, double lr) { return new SGD(m.parameters(), lr, Map.of("momentum", 0.9)); }

  /** Accuracy of {@code model} on {@code d} (eval mode). */
  static double accuracy(Module model, TensorDataset d) {
    return eval(model, d, (out, y) -> out.argmax(1, false).eq(y).to(io.jgrad.tensor.DType.FLOAT64).mean());
  }

  /** Mean cross entropy of {@code model} on {@code d} (eval mode). */
  static double crossEntropy(Module model, TensorDataset d) { return eval(model, d, Losses::crossEntropy); }

  private static double eval(Module model, TensorDataset d, java.util.function.BiFunction<Tensor, Tensor, Tensor> f) {
    boolean was = model.isTraining();
    model.eval();
    try (var off = Grad.disabled(); TensorScope s = TensorScope.open()) {
      return f.apply(model.forward(d.features()), d.labels()).item();
    } finally {
      model.train(was);
    }
  }

  /** Accuracy on {@code attack}'s adversarial examples of {@code d}, in batches of 256. */
  static double robustAccuracy(Module model, TensorDataset d, Attack attack) {
    boolean was = model.isTraining();
    model.eval();
    double correct = 0;
    try {
      for (int at = 0; at < d.size(); at += 256) {
        int n = Math.min(256, d.size() - at);
        try (TensorScope s = TensorScope.open()) {
          Tensor x = d.features().narrow(0, at, n), y = d.labels().narrow(0, at, n);
          Tensor xa = attack.perturb(model, x, y);
          try (var off = Grad.disabled()) {
            correct += model.forward(xa).argmax(1, false).eq(y).sum().item();
          }
        }
      }
    } finally {
      model.train(was);
    }
    return correct / d.size();
  }

  /** The top eigenvalue of the Hessian of the mean training cross entropy on {@code d} (eval mode), power iteration. */
  static double topEigenvalue(Module model, TensorDataset d, long seed, int maxIter) {
    boolean was = model.isTraining();
    model.eval();
    try (TensorScope s = TensorScope.open()) {
      return Curvature.topEigenvalue(model.parameters(), () -> Losses.crossEntropy(model.forward(d.features()), d.labels()), seed,
          Curvature.TOL, maxIter).value();
    } finally {
      model.train(was);
    }
  }

  /** ||d L / d w||_2 of the mean cross entropy on {@code d} (eval mode). */
  static double gradientNorm(Module model, TensorDataset d) {
    boolean was = model.isTraining();
    model.eval();
    try (var on = Grad.enabled(); TensorScope s = TensorScope.open()) {
      Tensor l = Losses.crossEntropy(model.forward(d.features()), d.labels());
      double sq = 0;
      for (Tensor g : Autograd.grad(List.of(l), model.parameters(), null, false, true)) {
        if (g != null) sq += g.mul(g).sum().item();
      }
      return Math.sqrt(sq);
    } finally {
      model.train(was);
    }
  }

  /** Per-epoch values of the Trainer's training loss. */
  static double[] trainLosses(History h) {
    return h.epochs().stream().mapToDouble(e -> e.trainLoss()).toArray();
  }

  static double mean(double[] v, int from) {
    double s = 0;
    for (int i = from; i < v.length; i++) s += v[i];
    return s / (v.length - from);
  }
}

package io.jgrad.cli.demo;

import io.jgrad.autograd.Grad;
import io.jgrad.cli.Digits;
import io.jgrad.losses.reg.MagnitudeMask;
import io.jgrad.losses.reg.ParamSelector;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared setup of the weight-regularizer demonstrations: the embedded digits with jgrad
 * train's fixed 1437/360 split (flattened to 64 features), a ReLU MLP, training through the
 * Trainer (objective, regularizers, train step), accuracy and sparsity measurements.
 */
final class WeightRegSetup {
  /** The split seed of DataSources.digits (bin/jgrad train's split). */
  static final long SPLIT_SEED = 20240101L;

  private WeightRegSetup() {}

  record Data(TensorDataset train, TensorDataset test) {}

  /** Digits with the train command's split; {@code trainLimit > 0} keeps the first examples of the training set. */
  static Data digits(int trainLimit) {
    Digits d = Digits.load();
    int n = d.size(), nTrain = n * 4 / 5;
    Tensor perm = Tensor.randperm(new Generator(SPLIT_SEED), n);
    Tensor x = d.images().indexSelect(0, perm), y = d.labels().indexSelect(0, perm);
    int k = trainLimit > 0 ? Math.min(trainLimit, nTrain) : nTrain;
    return new Data(new TensorDataset(x.narrow(0, 0, k).contiguous(), y.narrow(0, 0, k).contiguous()),
        new TensorDataset(x.narrow(0, nTrain, n - nTrain).contiguous(), y.narrow(0, nTrain, n - nTrain).contiguous()));
  }

  /** Linear(64, h_1) ReLU ... Linear(h_k, 10), seeded. */
  static Sequential mlp(long seed, int... hidden) {
    Generator g = new Generator(seed);
    Sequential s = new Sequential();
    int in = Digits.FEATURES;
    for (int h : hidden) {
      s.add(new Linear(in, h, true, g)).add(new ReLU());
      in = h;
    }
    return s.add(new Linear(in, Digits.CLASSES, true, g));
  }

  /** Trains {@code model} with cross entropy (plus {@code regs}) for {@code epochs}, shuffling from {@code seed}. */
  static History train(Module model, Optimizer opt, TensorDataset train, int epochs, long seed, List<Regularizer> regs, TrainStep step,
                       Callback... callbacks) {
    return DemoTraining.fit(model, opt, Objective.of(io.jgrad.losses.Losses::crossEntropy),
        DemoTraining.loader(train, 64, seed * 7919 + 1, null), epochs, step, regs, List.of(callbacks));
  }

  /** Top-1 accuracy of {@code model} on {@code d} (eval mode, no gradient). */
  static double accuracy(Module model, TensorDataset d) {
    boolean was = model.isTraining();
    model.eval();
    try (var off = Grad.disabled()) {
      Tensor pred = model.forward(d.features()).argmax(1, false);
      return pred.eq(d.labels()).countNonzero().item() / d.size();
    } finally {
      model.train(was);
    }
  }

  /** The weights of the Linear/Conv layers (what the sparsity claims count). */
  static List<Tensor> weights(Module model) {
    return ParamSelector.weights().select(model).stream().map(ParamSelector.Selected::tensor).toList();
  }

  /** The fraction of exactly-zero weights. */
  static double sparsity(Module model) { return MagnitudeMask.sparsity(weights(model)); }

  /**
   * Test accuracy after magnitude-pruning a copy of the model's weights to each rate (no
   * fine-tuning): the sparsity-accuracy curve. The model is restored.
   */
  static double[] pruneCurve(Module model, TensorDataset test, double[] rates) {
    Map<String, Tensor> saved = new LinkedHashMap<>();
    try (var off = Grad.disabled()) {
      model.stateDict().forEach((k, v) -> saved.put(k, v.copy()));
    }
    double[] out = new double[rates.length];
    for (int i = 0; i < rates.length; i++) {
      double already = sparsity(model);
      if (rates[i] > already) new MagnitudeMask().pruneGlobal(weights(model), rates[i]);
      out[i] = accuracy(model, test);
      model.loadStateDict(saved);
    }
    return out;
  }

  /** "0.912" style. */
  static List<Double> list(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double d : v) l.add(d);
    return l;
  }
}

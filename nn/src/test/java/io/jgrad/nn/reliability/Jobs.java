package io.jgrad.nn.reliability;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.BatchNorm2d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Independent training runs, each a function of its seed alone (its own Generator for the
 * weights, the data, the shuffle and dropout), so a run gives the same bits whatever other
 * threads do: a CNN with batch norm and max pooling under AdamW, an MLP with dropout under SGD
 * with momentum (both in a hand-written loop with a TensorScope per step, as the README shows),
 * and an MLP with layer norm trained by {@link Trainer#fit}. A run's result is every step's loss
 * and every final parameter and buffer, as raw bits.
 */
final class Jobs {
  private Jobs() {}

  /** The bits of a finished run: per-step losses, then every state tensor's values. */
  record Result(List<Long> losses, Map<String, double[]> state) {
    boolean sameBits(Result o) {
      if (!losses.equals(o.losses) || !state.keySet().equals(o.state.keySet())) return false;
      for (String k : state.keySet()) {
        double[] a = state.get(k), b = o.state.get(k);
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) return false;
      }
      return true;
    }
  }

  static Tensor crossEntropy(Tensor logits, Tensor y) {
    return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
  }

  /** Images [n, 1, 16, 16] and labels from a fixed random projection (learnable). */
  static TensorDataset images(long seed, int n) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.randn(g, n, 1, 16, 16);
    Tensor w = Tensor.randn(g, 256, 10);
    Tensor y = x.reshape(n, 256).matmul(w).argmax(1, false);
    return new TensorDataset(x, y);
  }

  static Module cnn(Generator g) {
    int[] k = {3, 3}, one = {1, 1};
    return new Sequential(new Conv2d(1, 8, k, one, one, one, 1, true, g), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2), new Flatten(),
        new Linear(16 * 4 * 4, 10, true, g));
  }

  static Module mlp(Generator g) {
    return new Sequential(new Flatten(), new Linear(256, 96, true, g), new Tanh(), new Dropout(0.2, g), new Linear(96, 10, true, g));
  }

  static Module normed(Generator g) {
    return new Sequential(new Flatten(), new Linear(256, 64, true, g), new LayerNorm(new int[] {64}), new ReLU(),
        new Linear(64, 10, true, g));
  }

  /** Job {@code kind} (0 CNN/AdamW, 1 MLP/SGD, 2 Trainer) from {@code seed}, for {@code epochs} epochs. */
  static Result run(int kind, long seed, int epochs) {
    Generator g = new Generator(seed);
    TensorDataset data = images(seed + 1, 192);
    DataLoader loader = DataLoader.builder(data, 32).shuffle(true).generator(new Generator(seed + 2)).build();
    Module model = switch (kind) {
      case 0 -> cnn(g);
      case 1 -> mlp(g);
      default -> normed(g);
    };
    Optimizer opt = kind == 0 ? new AdamW(model.parameters(), 3e-3) : new SGD(model.parameters(), 0.05, Map.of("momentum", 0.9));
    List<Long> losses = new ArrayList<>();
    if (kind == 2) {
      History h = Trainer.builder(model, opt, Jobs::crossEntropy).epochs(epochs).build().fit(loader, null);
      for (var e : h.epochs()) losses.add(Double.doubleToRawLongBits(e.trainLoss()));
    } else {
      model.train();
      for (int e = 0; e < epochs; e++) {
        for (Batch b : loader) {
          try (TensorScope s = TensorScope.open()) {
            opt.zeroGrad();
            Tensor loss = crossEntropy(model.forward(b.x()), b.y());
            loss.backward();
            opt.step();
            losses.add(Double.doubleToRawLongBits(loss.item()));
          }
          b.close();
        }
      }
    }
    Map<String, double[]> state = new java.util.LinkedHashMap<>();
    try (var off = Grad.disabled()) {
      model.stateDict().forEach((k, v) -> state.put(k, v.toDoubleArray()));
    }
    return new Result(losses, state);
  }

  /** A model for shared inference, built and put in eval mode once. */
  static Module sharedModel() {
    Module m = cnn(new Generator(99));
    m.eval();
    return m;
  }

  /** The shared model's output on {@code x}, as bits (no gradient recorded; nothing in the model changes). */
  static double[] infer(Module m, Tensor x) {
    try (var off = Grad.disabled(); TensorScope s = TensorScope.open()) {
      return m.forward(x).toDoubleArray();
    }
  }
}

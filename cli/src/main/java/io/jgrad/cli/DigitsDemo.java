package io.jgrad.cli;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job until the nn module lands: a two-layer perceptron (64 -> hidden -> 10, ReLU)
 * trained on the embedded digits with mini-batch SGD with momentum ({@code nn.optim.SGD}) on
 * {@code Losses.crossEntropy}, differentiated by the autograd tape ({@code loss.backward()}). Each step runs in a
 * {@link TensorScope}, so its temporaries go back to the buffer pool.
 */
public final class DigitsDemo {
  /** What the run ended with. */
  public record Result(double trainLoss, double testAccuracy, double seconds) {}

  /** The defaults of {@code bin/jgrad demo}. */
  static final int EPOCHS = 30, BATCH = 32, HIDDEN = 64;
  static final double LR = 0.05, MOMENTUM = 0.9;
  static final long SEED = 42;

  private DigitsDemo() {}

  public static Result run(int epochs, int batch, int hidden, double lr, double momentum, long seed, PrintStream log) {
    long t0 = System.nanoTime();
    Generator g = new Generator(seed);
    Digits data = Digits.load();
    int n = data.size(), nTrain = n * 4 / 5;
    Tensor perm = Tensor.randperm(g, n);
    Tensor x = data.images().indexSelect(0, perm), y = data.labels().indexSelect(0, perm);
    Tensor xTrain = x.narrow(0, 0, nTrain), yTrain = y.narrow(0, 0, nTrain);
    Tensor xTest = x.narrow(0, nTrain, n - nTrain), yTest = y.narrow(0, nTrain, n - nTrain);
    // PyTorch's nn.Linear default init: U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
    Tensor w1 = uniform(g, Digits.FEATURES, Digits.FEATURES, hidden), b1 = uniform(g, Digits.FEATURES, hidden);
    Tensor w2 = uniform(g, hidden, hidden, Digits.CLASSES), b2 = uniform(g, hidden, Digits.CLASSES);
    List<Tensor> params = List.of(w1, b1, w2, b2);
    for (Tensor p : params) p.requiresGrad(true);
    SGD optimizer = new SGD(params, lr, Map.of("momentum", momentum));
    log.printf(Locale.ROOT, "digits: %d train / %d test images of 8x8, %d classes; MLP 64-%d-10 (ReLU), "
        + "SGD lr=%.3g momentum=%.2f batch=%d, cross-entropy, gradients by autograd%n", nTrain, n - nTrain,
        Digits.CLASSES, hidden, lr, momentum, batch);
    double loss = Double.NaN;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double total = 0;
      int batches = 0;
      try (TensorScope scope = TensorScope.open()) {
        Tensor order = Tensor.randperm(g, nTrain);
        for (int start = 0; start < nTrain; start += batch) {
          int m = Math.min(batch, nTrain - start);
          try (TensorScope step = TensorScope.open()) {
            Tensor idx = order.narrow(0, start, m);
            Tensor xb = xTrain.indexSelect(0, idx), yb = yTrain.indexSelect(0, idx);
            Tensor l = Losses.crossEntropy(forward(xb, params), yb);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            total += l.item();
            batches++;
          }
        }
      }
      loss = total / batches;
      if (epoch == 1 || epoch % 5 == 0 || epoch == epochs) {
        log.printf(Locale.ROOT, "epoch %3d  train loss %.4f  test accuracy %.2f%%%n", epoch, loss,
            100 * accuracy(xTest, yTest, params));
      }
    }
    double acc = accuracy(xTest, yTest, params);
    double secs = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "done in %.2f s: final train loss %.4f, test accuracy %.2f%%%n", secs, loss, 100 * acc);
    return new Result(loss, acc, secs);
  }

  static Tensor forward(Tensor x, List<Tensor> p) {
    return x.matmul(p.get(0)).add(p.get(1)).relu().matmul(p.get(2)).add(p.get(3));
  }

  static double accuracy(Tensor x, Tensor y, List<Tensor> params) {
    try (TensorScope s = TensorScope.open(); var off = Grad.disabled()) {
      return forward(x, params).argmax(1, false).eq(y).to(DType.FLOAT32).mean().item();
    }
  }

  private static Tensor uniform(Generator g, int fanIn, int... shape) {
    double bound = 1 / Math.sqrt(fanIn);
    try (Tensor u = Tensor.rand(g, shape)) {
      return u.mul(2 * bound).sub(bound);
    }
  }
}
